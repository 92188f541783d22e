package dev.parley.switchboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.apps.AppAccess;
import dev.parley.auth.Action;
import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.conversations.Conversation;
import dev.parley.conversations.ConversationSequence;
import dev.parley.conversations.ConversationStore;
import dev.parley.conversations.ConversationTimes;
import dev.parley.conversations.SwitchboardIntegrationRef;
import dev.parley.events.EventLog;
import dev.parley.http.Json;
import dev.parley.store.Database;
import dev.parley.switchboards.ControlBodies.ControlRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The switchboard actions on a conversation: pass, offer, accept and release control. Each runs under the
 * conversation's row lock, so concurrent actions on one conversation apply in turn, and records its
 * {@code switchboard:*} event (or, where upstream sends one, its {@code …:failure} event) with the conversation's next
 * id, in the same transaction.
 */
public final class ControlActions {
    private static final String INVALID_TARGET = "switchboard_invalid_target";
    private static final String INVALID_ACTION = "switchboard_invalid_action";

    private final Database database;
    private final AppAccess apps;
    private final SwitchboardStore switchboards;
    private final ConversationStore conversations;
    private final ConversationSequence sequence;
    private final EventLog events;
    private final Clock clock;

    public ControlActions(Database database, AppAccess apps, ConversationStore conversations,
                          ConversationSequence sequence, EventLog events, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.switchboards = new SwitchboardStore();
        this.conversations = conversations;
        this.sequence = sequence;
        this.events = events;
        this.clock = clock;
    }

    /** Makes the target active and every other standby; a target already in sole control changes nothing. */
    public void pass(Principal caller, String appId, String conversationId, Supplier<ControlRequest> body) {
        act(caller, appId, conversationId, body, (state, request) -> {
            if (request.target().equals(ControlBodies.NEXT) && state.callerIsNot(state.activeId())) {
                return; // an integration's second "next" after its control passed: ignored, as upstream
            }
            Optional<SwitchboardIntegration> target = state.resolve(request.target());
            if (target.isEmpty()) {
                state.fail("switchboard:passControl:failure", INVALID_TARGET, state.unresolved(request.target()));
            } else if (!target.get().id().equals(state.activeId()) || state.pendingId() != null) {
                state.change("switchboard:passControl", target.get().id(), null, false);
            }
        });
    }

    /** Makes the target pending, voiding earlier offers; the active one cannot be offered control. */
    public void offer(Principal caller, String appId, String conversationId, Supplier<ControlRequest> body) {
        act(caller, appId, conversationId, body, (state, request) -> {
            Optional<SwitchboardIntegration> target = state.resolve(request.target());
            if (target.isEmpty()) {
                state.fail("switchboard:offerControl:failure", INVALID_TARGET, state.unresolved(request.target()));
            } else if (target.get().id().equals(state.activeId())) {
                state.fail("switchboard:offerControl:failure", INVALID_ACTION,
                        "The switchboard integration " + target.get().name() + " is already active");
            } else {
                state.change("switchboard:offerControl", state.activeId(), target.get().id(), false);
            }
        });
    }

    /** The pending switchboard integration becomes active; an integration key may accept only its own offer. */
    public void accept(Principal caller, String appId, String conversationId, Supplier<ControlRequest> body) {
        act(caller, appId, conversationId, body, (state, request) -> {
            state.requireCallerIs(state.pendingId(), "pending");
            if (state.pendingId() == null) {
                state.fail("switchboard:acceptControl:failure", INVALID_ACTION,
                        "There is no pendingSwitchboardIntegration");
            } else {
                state.change("switchboard:acceptControl", state.pendingId(), null, false);
            }
        });
    }

    /**
     * None is in control until the conversation's next user message gives it to the default; an integration key
     * may release only a conversation its integration controls.
     */
    public void release(Principal caller, String appId, String conversationId, Supplier<ControlRequest> body) {
        act(caller, appId, conversationId, body, (state, request) -> {
            state.requireCallerIs(state.activeId(), "active");
            state.change("switchboard:releaseControl", null, null, true);
        });
    }

    private interface Step {
        void apply(State state, ControlRequest request);
    }

    private void act(Principal caller, String appId, String conversationId, Supplier<ControlRequest> body,
                     Step step) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.CONTROL_CONVERSATIONS, appId);
            ControlRequest request = body.get();
            ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
            Switchboard switchboard = switchboards.ofApp(handle, appId).filter(Switchboard::enabled)
                    .orElseThrow(() -> ApiException.badRequest("The app has no enabled switchboard: create one, "
                            + "give it a default and enable it first"));
            State state = new State(handle, appId, caller, change, request,
                    switchboards.integrations(handle, appId, switchboard.id()),
                    conversations.require(handle, appId, conversationId));
            step.apply(state, request);
            return null;
        });
    }

    /** One action's view of the locked conversation and the switchboard. */
    private final class State {
        private final Handle handle;
        private final String appId;
        private final Principal caller;
        private final ConversationSequence.Change change;
        private final ControlRequest request;
        private final List<SwitchboardIntegration> linked;
        private final Conversation conversation;

        State(Handle handle, String appId, Principal caller, ConversationSequence.Change change,
              ControlRequest request, List<SwitchboardIntegration> linked, Conversation conversation) {
            this.handle = handle;
            this.appId = appId;
            this.caller = caller;
            this.change = change;
            this.request = request;
            this.linked = linked;
            this.conversation = conversation;
        }

        String activeId() {
            return idOf(conversation.activeSwitchboardIntegration());
        }

        String pendingId() {
            return idOf(conversation.pendingSwitchboardIntegration());
        }

        /** By id, then by name; {@code next}: the active one's next. */
        Optional<SwitchboardIntegration> resolve(String target) {
            if (target.equals(ControlBodies.NEXT)) {
                return byId(linked.stream().filter(si -> si.id().equals(activeId())).findFirst()
                        .map(SwitchboardIntegration::nextSwitchboardIntegrationId).orElse(null));
            }
            return byId(target).or(() -> linked.stream().filter(si -> si.name().equals(target)).findFirst());
        }

        String unresolved(String target) {
            return target.equals(ControlBodies.NEXT)
                    ? "The conversation's active switchboard integration has no nextSwitchboardIntegrationId"
                    : "No switchboard integration of the app's switchboard has that id or name";
        }

        /** Whether the caller is an integration key whose integration is not the one of that id. */
        boolean callerIsNot(String switchboardIntegrationId) {
            return caller.kind() == KeyKind.INTEGRATION && byId(switchboardIntegrationId)
                    .map(si -> !si.integrationId().equals(caller.integrationId())).orElse(true);
        }

        /** 403 for an integration key whose integration is not the one of that id (which it needs to be). */
        void requireCallerIs(String switchboardIntegrationId, String role) {
            if (callerIsNot(switchboardIntegrationId)) {
                throw ApiException.forbidden("The integration is not the conversation's " + role
                        + " switchboard integration");
            }
        }

        /** Records the change, unless a switchboard integration it names was deleted meanwhile (a failure then). */
        void change(String type, String activeId, String pendingId, boolean released) {
            for (String named : new String[]{activeId, pendingId}) {
                if (named != null && !switchboards.lockIntegration(handle, appId, named)) {
                    fail(type + ":failure", INVALID_TARGET, "The switchboard integration was deleted meanwhile");
                    return;
                }
            }
            conversations.setSwitchboardState(handle, appId, conversation.id(), activeId, pendingId, released);
            record(type, null);
        }

        void fail(String type, String code, String message) {
            ObjectNode error = Json.mapper().createObjectNode().put("code", code).put("message", message);
            record(type, error);
        }

        private void record(String type, ObjectNode error) {
            ObjectNode payload = Json.mapper().createObjectNode();
            if (error != null) {
                payload.set("error", error);
            }
            payload.set("conversation", conversations.require(handle, appId, conversation.id()).json());
            if (request.metadata() != null) {
                payload.set("metadata", request.metadata());
            }
            String eventId = change.nextId();
            change.save(ConversationTimes.NONE, clock.instant());
            events.recordInConversation(handle, appId, conversation.id(), eventId, type, payload);
        }

        private Optional<SwitchboardIntegration> byId(String id) {
            return linked.stream().filter(si -> si.id().equals(id)).findFirst();
        }

        private static String idOf(SwitchboardIntegrationRef ref) {
            return ref == null ? null : ref.id();
        }
    }
}
