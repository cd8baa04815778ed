<?php
$id = $_GET['id'];
// ruleid: sql_injection
$result = mysqli_query($conn, "SELECT * FROM users WHERE id = '" . $id . "'");
$safe = intval($_GET['id']);
// ok: sql_injection
$result2 = mysqli_query($conn, "SELECT * FROM users WHERE id = " . $safe);
// ruleid: command_injection
system("ping -c 1 " . $_GET['host']);
// ok: command_injection
system("ping -c 1 " . escapeshellarg($_GET['host']));
// ruleid: path_traversal
$data = file_get_contents("/srv/files/" . $_GET['file']);
// ok: path_traversal
$data2 = file_get_contents("/srv/files/" . basename($_GET['file']));
// ruleid: code_injection
eval($_POST['code']);
