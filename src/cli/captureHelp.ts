/** What `capture --help` adds after its options: examples, and what --pid and -- COMMAND do to the process. */
export const CAPTURE_HELP = `
Examples:
  $ heapdot capture --pid 4242 -o service.heapsnapshot.gz
  $ heapdot capture --pid 4242 --port 9230 -o service.heapsnapshot
  $ heapdot capture --pid 4242 --count 3 --every 60 -o svc.heapsnapshot.gz
  $ heapdot leaks svc.heapsnapshot.gz svc.2.heapsnapshot.gz svc.3.heapsnapshot.gz
  $ heapdot capture -o app.heapsnapshot -- node app.js --port 8080
  $ heapdot capture --after 30 -o warm.heapsnapshot -- node server.js
  $ heapdot capture --track-allocations -o traced.heapsnapshot -- node app.js
  $ heapdot sites traced.heapsnapshot
  $ heapdot capture --url http://localhost:8080/ -o page.heapsnapshot
  $ heapdot capture --scenario modal.js --out-dir run1
  $ heapdot capture --port 9222 --page inbox -o inbox.heapsnapshot

--pid: heapdot sends the process SIGUSR1 (Node opens its inspector on it; on
Linux heapdot first checks that the process catches SIGUSR1 and runs a Node
executable, so nothing else is signalled), takes the snapshot over the inspector
on 127.0.0.1 (a --port must be the process's own), and closes the inspector
again, also after Ctrl-C, SIGTERM or SIGHUP. The process prints "Debugger
listening/attached" on its standard error and pauses while V8 writes the
snapshot; it is not restarted.
V8 numbers objects anew whenever an inspector session ends, so snapshots of
separate runs cannot be compared by id (diff's new and freed objects, leaks):
--count N --every SECONDS takes a series in one session (svc.2.heapsnapshot.gz,
...), whose ids compare.

-- COMMAND: heapdot runs the Node program with a hook (NODE_OPTIONS --import)
that writes a snapshot on SIGUSR2 (send it to heapdot or to the program), after
--after seconds (then the program is stopped, unless --keep-running), or at the
program's exit if none was taken. Later snapshots get numbered names
(app.2.heapsnapshot). --track-allocations runs it with --track-heap-objects, so
'heapdot sites' can say where live objects were allocated; it slows the program.
A FILE ending in .gz is written gzip-compressed.

--url: heapdot starts the system's headless Chromium (--browser, else
CHROME_PATH, else chromium, chromium-browser or google-chrome on PATH; it
downloads none), loads the page, waits until the network is quiet, collects
garbage, writes the snapshot and closes the browser.
--scenario FILE: a memlab scenario file as it is (url, action, back; optional
setup, repeat, cookies, beforeInitialPageLoad, isPageLoaded; leakFilter is
accepted, not called). heapdot loads url() (or --url), runs setup, one warm-up
round of action and back (--warm-up N; memlab does none), then writes memlab's
three snapshots into --out-dir: s1.heapsnapshot (baseline), repeat() rounds,
action, s2.heapsnapshot (target), back, s3.heapsnapshot (final); then prints
what 'heapdot leaks s1 s2 s3' finds (exit status as leaks: 1 when nothing
leaked) and the command to run it again.
--port alone: attaches to a Chrome, Edge or Electron started with
--remote-debugging-port=PORT, snapshots the page whose URL or title contains
--page TEXT (any case; the pages are listed when it picks none or several),
disconnects and leaves the browser running.
`;
