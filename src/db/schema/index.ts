export * from './ledger'
export * from './messaging'
export * from './org'
export * from './reports'
