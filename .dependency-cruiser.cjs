// Layers and cycles of src/ (`npx depcruise src`); the rules are data in scripts/architecture.cjs.
module.exports = require('./scripts/architecture.cjs').layersConfig;
