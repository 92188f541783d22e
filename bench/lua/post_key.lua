-- POST /v2/apps/{appId}/keys over a pool of apps made beforehand (one id a line in $BENCH_KEY_APPS), since an app
-- holds at most 10 keys. Thread t of n takes pool entries offset+t, offset+t+n, offset+t+2n, …, ten requests each,
-- so no app is ever asked for an 11th key. done() prints the first pool entry no thread touched, which the next
-- run starts from ($BENCH_KEY_OFFSET).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local threadCount = tonumber(os.getenv("BENCH_THREADS"))
local offset = tonumber(os.getenv("BENCH_KEY_OFFSET"))

wrk.method = "POST"
wrk.body = '{"displayName":"Bench key"}'
wrk.headers["Content-Type"] = "application/json"

local threads = {}
local created = 0

function setup(thread)
  thread:set("tid", created)
  created = created + 1
  table.insert(threads, thread)
end

local apps = {}
sent = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_KEY_APPS")) do
    apps[#apps + 1] = line
  end
end

function request()
  local index = offset + tid + threadCount * math.floor(sent / 10)
  sent = sent + 1
  -- Past the end of the pool the ids wrap around, and the 11th keys answer 400 (counted as errors).
  local app = apps[(index % #apps) + 1]
  return wrk.format(nil, "/v2/apps/" .. app .. "/keys")
end

function done(summary, latency, requests)
  local next = offset
  for _, thread in ipairs(threads) do
    local n = thread:get("sent")
    if n > 0 then
      local last = offset + thread:get("tid") + threadCount * math.floor((n - 1) / 10)
      if last + 1 > next then
        next = last + 1
      end
    end
  end
  io.write(string.format("BENCH_KEYS_NEXT=%d\n", next))
  common.report(summary, latency)
end
