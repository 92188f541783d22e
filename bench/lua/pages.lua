-- Walks GET /v2/apps 25 apps at a time: each response's meta.afterCursor is the next request's page[after];
-- when hasMore is false the walk starts again at the first page. The connections of one wrk thread share the
-- walk (whichever connection sends next asks for the latest cursor seen), so requests land all along the list.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local first = "/v2/apps?page%5Bsize%5D=25"

cursor = nil
pages = 0
restarts = 0

function request()
  if cursor then
    return wrk.format("GET", first .. "&page%5Bafter%5D=" .. cursor)
  end
  return wrk.format("GET", first)
end

function response(status, headers, body)
  if status ~= 200 then
    return
  end
  pages = pages + 1
  if body:find('"hasMore":true', 1, true) then
    cursor = body:match('"afterCursor":"([0-9a-f]+)"')
  else
    cursor = nil
    restarts = restarts + 1
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local walked, restarted = 0, 0
  for _, thread in ipairs(threads) do
    walked = walked + thread:get("pages")
    restarted = restarted + thread:get("restarts")
  end
  io.write(string.format("BENCH_WALK pages=%d restarts=%d\n", walked, restarted))
  common.report(summary, latency)
end
