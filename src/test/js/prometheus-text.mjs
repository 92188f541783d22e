// Reads a scrape of /metrics in the Prometheus text format on standard input and writes what the parser made of it
// as JSON (prom2json's shape: families with name, help, type and metrics). MetricsApiTest runs it.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

let text = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  text += chunk;
}
process.stdout.write(JSON.stringify(parsePrometheusTextFormat(text)));
