#!/usr/bin/env node
// `npm start`: builds the web app when its sources are newer than the last build, then runs
// the server (migrations and, on first start, demo data happen inside the server).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const webDist = path.join(root, "apps/web/dist/index.html");
const webSources = ["apps/web/src", "apps/web/index.html", "apps/web/vite.config.ts", "packages/domain/src"];

function newestModification(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestModification(path.join(target, entry)));
  return newest;
}

const builtAt = fs.existsSync(webDist) ? fs.statSync(webDist).mtimeMs : 0;
const changedAt = Math.max(...webSources.map(newestModification));
if (changedAt > builtAt) {
  console.log("Building the web app (first start or sources changed)…");
  const build = spawnSync("npm", ["run", "build", "-w", "@estate-desk/web"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/server/src/main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
