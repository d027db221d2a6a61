// Runs s3rver in its own process (started with --openssl-legacy-provider: its list pagination needs DES).
// Prints the bound port as one JSON line; exits when its parent closes stdin or sends SIGTERM.
const S3rver = require('s3rver');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
const buckets = (process.env.S3RVER_BUCKETS ?? '').split(',').filter(Boolean);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});

function stop() {
  server.close(() => {
    rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  });
}

server.run().then(
  (address) => {
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
    process.stdin.on('end', stop);
    process.stdin.resume();
    process.on('SIGTERM', stop);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
