/**
 * `npm start`: production. Applies the committed migrations before serving, so a first
 * start on an empty Postgres database never meets "relation does not exist".
 */
import { spawn, spawnSync } from 'node:child_process'

if (process.env.DATABASE_URI) {
  // Run as production, so the config's production checks (SERVER_URL, PAYLOAD_SECRET) stop the
  // start here with their message, instead of every request answering 500 later.
  const migrate = spawnSync('npx', ['payload', 'migrate'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (migrate.status !== 0) process.exit(migrate.status ?? 1)
}
const port = process.env.PORT ?? '3000'
const child = spawn(process.execPath, ['server/front.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: port, NODE_ENV: 'production' },
})
child.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
