<?php
$name = $_GET['name'];
// ruleid: xss
echo "<p>Hello " . $name . "</p>";
// ok: xss
echo "<p>Hello " . htmlspecialchars($name, ENT_QUOTES) . "</p>";
// ruleid: insecure_cookie
setcookie("session", $token);
