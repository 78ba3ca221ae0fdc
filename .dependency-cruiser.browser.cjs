// What the browser loads (`npx depcruise src --config .dependency-cruiser.browser.cjs`); the rules
// are data in scripts/architecture.cjs.
module.exports = require('./scripts/architecture.cjs').browserConfig;
