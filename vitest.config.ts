import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite is WebAssembly with its own memory: separate processes keep test files independent.
    pool: 'forks',
    // The fuzz suite checks that memory stays flat; it collects garbage before measuring.
    execArgv: ['--expose-gc'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
