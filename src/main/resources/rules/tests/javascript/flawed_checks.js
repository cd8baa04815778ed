// Prefix containment on path.resolve without a separator (rules/removed-protection.yml).
const path = require('path');

function inside(root, name) {
  const full = path.resolve(root, name);
  // ruleid: path_traversal
  if (!path.resolve(root, name).startsWith(root)) return false;
  // ok: path_traversal
  return full.startsWith(root + path.sep);
}

module.exports = { inside };
