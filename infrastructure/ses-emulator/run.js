// Runs the aws-ses-v2-local emulator as a child that dies with its parent. The parent holds this process's stdin
// open; when the parent goes, even by kill -9 (which it cannot trap), the pipe closes and the emulator exits, so no
// orphan keeps the port. The parent's pid is watched too, for a parent that passed its stdin on.
// Usage: node run.js --port <port>. Prints "listening on <port>" once it serves; exits 1 if it cannot listen.
const start = require('aws-ses-v2-local').default;

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
const parent = process.ppid;

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
setInterval(() => {
  if (process.ppid !== parent) {
    process.exit(0);
  }
}, 500).unref();

start({ host: '127.0.0.1', port })
  .then(() => console.log(`listening on ${port}`))
  .catch((error) => {
    console.log(`cannot listen on ${port}: ${error.code || error.message}`);
    process.exit(1);
  });
