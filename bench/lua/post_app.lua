-- POST /v2/apps: one new app per request (the account has no app limit).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

wrk.method = "POST"
wrk.body = '{"displayName":"Bench write"}'
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
  common.report(summary, latency)
end
