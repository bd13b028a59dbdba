/**
 * A custom group robot's signing secret is named by an environment variable, never stored. Only names
 * with this prefix may be named: otherwise an administrator could point a robot at CONSOLE_PASSWORD or
 * DATABASE_URL and read it back from the signature offline.
 */
export const ROBOT_SECRET_ENV = /^ROBOT_SECRET_[A-Z0-9_]{1,60}$/

export function robotSecret(env: Record<string, string | undefined>, name: string | undefined): string | undefined {
  return name && ROBOT_SECRET_ENV.test(name) ? env[name] : undefined
}
