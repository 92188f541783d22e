-- POST /v2/apps/{appId}/conversations/{conversationId}/messages: a text message from the business, each request
-- to a conversation drawn at random from a pool (one id a line in $BENCH_CONVERSATIONS), so that posts spread over
-- many conversations instead of taking turns on one conversation's row lock. The command line's path is the app's
-- /v2/apps/{appId}/conversations.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local prefix = wrk.path

wrk.method = "POST"
wrk.body = '{"author":{"type":"business"},"content":{"type":"text","text":"Bench message"}}'
wrk.headers["Content-Type"] = "application/json"

local created = 0

function setup(thread)
  created = created + 1
  thread:set("seed", os.time() * 100 + created)
end

local conversations = {}

function init(args)
  for line in io.lines(os.getenv("BENCH_CONVERSATIONS")) do
    conversations[#conversations + 1] = line
  end
  -- Each thread draws its own sequence.
  math.randomseed(seed)
end

function request()
  return wrk.format(nil, prefix .. "/" .. conversations[math.random(#conversations)] .. "/messages")
end

function done(summary, latency, requests)
  common.report(summary, latency)
end
