import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite is WebAssembly with its own memory: separate processes keep test files independent.
    pool: 'forks',
    // The fuzz suite checks that memory stays flat; it collects garbage before measuring. Wasm code is not
    // garbage-collected in the test processes: freeing PGlite's compiled code while many instances come and go
    // can trip a V8 bug that aborts the whole worker (「Check failed: jit_page_->allocations_.erase(addr) == 1」,
    // nodejs/node#64500), which once took a green run red here.
    execArgv: ['--expose-gc', '--no-wasm-code-gc'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
