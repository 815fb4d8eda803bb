-- Agent Login of the demo tenant's load agents (password "load"), each wrk thread its own range, so
-- that no agent logs in twice in a run: thread i logs in load(FIRST + i * PER_THREAD) onwards.
-- LOGIN_FIRST (default 1) and LOGIN_PER_THREAD (default 15000) come from the environment.
local first = tonumber(os.getenv("LOGIN_FIRST") or "1")
local per_thread = tonumber(os.getenv("LOGIN_PER_THREAD") or "15000")
local index = 0

function setup(thread)
  thread:set("start", first + index * per_thread)
  index = index + 1
end

function init(args)
  agent = start
  last = start + per_thread - 1
end

function request()
  local body = "{\"username\":\"load" .. agent .. "\",\"password\":\"load\"}"
  agent = agent + 1
  if agent > last then agent = last - per_thread + 1 end -- past its range: logins again (each ends the one before)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
