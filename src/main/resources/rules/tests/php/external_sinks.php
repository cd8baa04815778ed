<?php

function done_redirect() {
    $next = $_GET['next'];
    // ruleid: open_redirect
    header("Location: " . $next);
}

function home_redirect() {
    // ok: open_redirect
    header("Location: /home");
}

function preview() {
    $url = $_GET['url'];
    // ruleid: ssrf
    $ch = curl_init($url);
    curl_exec($ch);
    // ruleid: ssrf
    $page = file_get_contents($_GET['feed']);
    // ok: ssrf
    $status = file_get_contents("https://status.example.com/api");
    return $page . $status;
}

function restore() {
    // ruleid: insecure_deserialization
    $obj = unserialize($_COOKIE['state']);
    // ok: insecure_deserialization
    $data = unserialize($_COOKIE['state'], ['allowed_classes' => false]);
    return [$obj, $data];
}

function parse_xml() {
    $xml = file_get_contents('php://input');
    // ruleid: xxe
    $doc = simplexml_load_string($_POST['xml'], 'SimpleXMLElement', LIBXML_NOENT);
    // ok: xxe
    $safe = simplexml_load_string($_POST['xml'], 'SimpleXMLElement', LIBXML_NONET);
    return [$doc, $safe, $xml];
}

function find_user($collection) {
    // ruleid: nosql_injection
    $user = $collection->findOne(['name' => $_GET['name'], 'password' => $_GET['password']]);
    // ok: nosql_injection
    $named = $collection->findOne(['name' => strval($_GET['name'])]);
    return [$user, $named];
}

function import_avatar($request) {
    $url = $request->input('avatar_url');
    // ruleid: ssrf
    $response = Http::timeout(5)->get($url);
    // ok: ssrf
    $status = Http::timeout(5)->get('https://status.example.com/api');
    return [$response, $status];
}
