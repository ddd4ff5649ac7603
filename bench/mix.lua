-- A mix of pages and API calls (bench/mixed.py), asked in the order of a schedule file whose
-- lines are "kind <TAB> fresh <TAB> accept <TAB> etag <TAB> path", the threads taking turns
-- through it so that together they follow it line by line.
--
-- Arguments after "--": the schedule file, then the number of threads.
--
-- Every request carries an X-Request-ID "mix-<kind>-<thread>-<counter>", which nginx logs: the
-- report counts answers and times per kind from nginx's log. A fresh line adds to its Accept
-- header a media type no other request names (as bench/fresh.lua), so the portal computes it;
-- an etag is sent as If-None-Match.

-- Globals, not locals: setup() runs in wrk's main script and sets each thread's own global.
threads_started = 0
thread_number = 0

function setup(thread)
  thread:set("thread_number", threads_started)
  threads_started = threads_started + 1
end

local lines = {}
local threads
local counter = 0

local function fields(line)
  local found = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    found[#found + 1] = field
  end
  return found
end

function init(args)
  threads = tonumber(args[2]) or 1
  for line in io.lines(args[1]) do
    local kind, fresh, accept, etag, path = unpack(fields(line))
    lines[#lines + 1] = {
      kind = kind, fresh = fresh == "1", accept = accept, etag = etag, path = path,
    }
  end
  if #lines == 0 then
    error("the schedule " .. args[1] .. " has no line")
  end
end

function request()
  counter = counter + 1
  local line = lines[((counter - 1) * threads + thread_number) % #lines + 1]
  local headers = {
    ["Accept"] = line.accept,
    ["Accept-Encoding"] = "gzip",
    ["X-Request-ID"] = "mix-" .. line.kind .. "-" .. thread_number .. "-" .. counter,
  }
  if line.fresh then
    headers["Accept"] = line.accept .. ", x-fresh/t" .. thread_number .. "-" .. counter
  end
  if line.etag ~= "" then
    headers["If-None-Match"] = line.etag
  end
  return wrk.format("GET", line.path, headers)
end
