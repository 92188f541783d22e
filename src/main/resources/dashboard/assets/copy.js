// Copy buttons for key ids and secrets. The page works without this script: the buttons stay hidden and the
// text can be selected by hand.
(function () {
  'use strict';

  function say(statusId, message) {
    var status = statusId && document.getElementById(statusId);
    if (status) {
      status.textContent = message;
    }
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    var statusId = button.getAttribute('data-status');
    if (!source) {
      return;
    }
    var text = source.textContent.trim();
    var fallback = function () {
      select(source);
      say(statusId, 'Selected: press Ctrl+C (or \u2318C) to copy.');
    };
    // The clipboard API exists only on secure pages (HTTPS or localhost).
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(statusId, 'Copied to the clipboard.');
        button.setAttribute('data-copied', 'true');
      }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var buttons = document.querySelectorAll('button[data-copy]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function (event) {
        copy(event.currentTarget);
      });
    }
  });
})();
