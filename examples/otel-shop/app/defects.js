// Seeded defects, for unbroken's own tests that a defect in an instrumented service fails the
// right check. SHOP_DEFECTS is a comma-separated list of name=value; unset in normal use.
'use strict';

const seeded = new Map(
  (process.env.SHOP_DEFECTS || '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => entry.split('=', 2)),
);

if (seeded.size > 0) {
  console.error(`SEEDED DEFECTS: ${[...seeded.keys()].join(', ')}`);
}

// The value of a seeded defect, or undefined when it is not seeded.
function defect(name) {
  return seeded.get(name);
}

module.exports = { defect };
