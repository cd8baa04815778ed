const params = new URLSearchParams(location.search);
const msg = params.get('msg');
const $flash = $('#flash');
// ruleid: xss
$flash.append(location.hash.slice(1));
// ok: xss
$flash.append('<b>Saved</b>');
// ruleid: xss
$('#flash').html(location.hash.slice(1));
// ok: xss
document.getElementById('flash').append(location.hash.slice(1));
// ok: xss
$('#flash').text(location.hash.slice(1));
// ruleid: xss
document.getElementById('preview').srcdoc = location.hash.slice(1);
// ruleid: xss
document.createRange().createContextualFragment(location.hash.slice(1));
// ruleid: xss
$('.notice').prepend(window.location.hash);
// ok: xss
$('.notice').prepend('<i>new</i>');
