-- Each request adds to its Accept header a media type no other request names, so the portal's
-- cache of anonymous answers (keyed by URL, language and Accept) never holds it and every
-- answer is computed. No renderer offers that type: the answer is the one the rest asks for.
--
-- Given arguments after "--" (the number of threads, then paths), each request asks the next
-- path instead of the URL's, the threads taking turns, so that no path is asked twice before
-- all have been asked.

-- Globals, not locals: setup() runs in wrk's main script and sets each thread's own global.
threads_started = 0
thread_number = 0

function setup(thread)
  thread:set("thread_number", threads_started)
  threads_started = threads_started + 1
end

local accept
local threads
local paths = {}
local counter = 0

function init(args)
  accept = wrk.headers["Accept"] or "*/*"
  threads = tonumber(args[1]) or 1
  for index = 2, #args do
    paths[#paths + 1] = args[index]
  end
end

function request()
  counter = counter + 1
  wrk.headers["Accept"] = accept .. ", x-fresh/t" .. thread_number .. "-" .. counter
  if #paths == 0 then
    return wrk.format()
  end
  local turn = (counter - 1) * threads + thread_number
  return wrk.format(nil, paths[turn % #paths + 1])
end
