-- Each request adds to its Accept header a media type no other request names, so the portal's
-- cache of anonymous answers (keyed by URL, language and Accept) never holds it and every
-- answer is computed. No renderer offers that type: the answer is the one the rest asks for.
-- Globals, not locals: setup() runs in wrk's main script and sets each thread's own global.
threads_started = 0
thread_number = 0

function setup(thread)
  thread:set("thread_number", threads_started)
  threads_started = threads_started + 1
end

local accept
local counter = 0

function init(args)
  accept = wrk.headers["Accept"] or "*/*"
end

function request()
  counter = counter + 1
  wrk.headers["Accept"] = accept .. ", x-fresh/t" .. thread_number .. "-" .. counter
  return wrk.format()
end
