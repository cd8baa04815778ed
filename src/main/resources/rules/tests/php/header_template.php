<header>
  <!-- ruleid: xss -->
  <span class="user"><?php echo $_GET['ref']; ?></span>
  <!-- ruleid: xss -->
  <span class="q"><?= $_GET['q'] ?></span>
  <!-- ok: xss -->
  <span class="title"><?= $title ?></span>
  <!-- ok: xss -->
  <span class="q"><?= htmlspecialchars($_GET['q'], ENT_QUOTES) ?></span>
</header>
