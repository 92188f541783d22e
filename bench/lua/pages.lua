-- Walks a list page by page: the first page is the command line's path, and each response's cursor in the walk's
-- direction ($BENCH_WALK: "after", the default, reads meta.afterCursor into page[after]; "before" reads
-- meta.beforeCursor into page[before]) is the next request's; when hasMore is false the walk starts again at the
-- first page. The connections of one wrk thread share the walk (whichever connection sends next asks for the
-- latest cursor seen), so requests land all along the list.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local direction = os.getenv("BENCH_WALK") or "after"
local first = wrk.path
local separator = first:find("?", 1, true) and "&" or "?"

cursor = nil
pages = 0
restarts = 0

function request()
  if cursor then
    return wrk.format("GET", first .. separator .. "page%5B" .. direction .. "%5D=" .. cursor)
  end
  return wrk.format("GET", first)
end

function response(status, headers, body)
  if status ~= 200 then
    return
  end
  pages = pages + 1
  if body:find('"hasMore":true', 1, true) then
    cursor = body:match('"' .. direction .. 'Cursor":"([0-9a-f]+)"')
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
