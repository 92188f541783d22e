-- A fixed request (the URL and headers come from the wrk command line); reports with common.lua.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function done(summary, latency, requests)
  common.report(summary, latency)
end
