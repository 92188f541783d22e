-- Shared by every scenario script (loaded with dofile): the one result line bench/run.sh reads.
-- wrk measures latency in microseconds; requests/s is summary.requests over the run's measured duration.
local common = {}

function common.report(summary, latency)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d p999_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.status, e.connect + e.read + e.write + e.timeout))
end

return common
