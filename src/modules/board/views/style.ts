import { createHash } from 'node:crypto';

/**
 * The site's one stylesheet (mobile first, no web fonts, no images). Served
 * at `/assets/site.<hash>.css` with a year-long immutable cache: a change
 * gives a new address.
 */
export const css = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b57d0}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f9ab00;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
header.site{background:#b3261e;color:#fff;padding:10px 16px}
header.site a{color:#fff;text-decoration:none}
header.site .brand{font-weight:700;font-size:1.15rem}
nav.main,nav.langs{display:flex;flex-wrap:wrap;gap:4px 14px;margin-top:4px;font-size:.95rem}
nav.langs{font-size:.85rem;opacity:.95}
nav.langs [aria-current]{text-decoration:underline}
main{max-width:960px;margin:0 auto;padding:12px 16px 32px}
h1{font-size:1.4rem;line-height:1.3;margin:.6em 0}
h2{font-size:1.15rem;margin:1.2em 0 .5em}
.card{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:12px 14px;margin:10px 0}
.muted{color:#59636e;font-size:.9rem}
.grid{display:grid;gap:10px;grid-template-columns:repeat(auto-fill,minmax(260px,1fr))}
ul.plain{list-style:none;padding:0;margin:0}
ul.posts li{border-bottom:1px solid #e3e5e8;padding:10px 0}
ul.posts li:last-child{border-bottom:0}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:.8rem;background:#eef1f4;margin-right:4px}
.state-pending{background:#fdecea;color:#8c1d18}.state-handling{background:#fff4d6;color:#6b4b00}.state-done{background:#e6f4ea;color:#0d652d}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
dl.facts dt{color:#59636e}dl.facts dd{margin:0}
.reply{border-left:4px solid #0d652d;background:#f3faf5}
form.filters{display:grid;gap:8px;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));align-items:end}
label{display:block;font-weight:600;margin:10px 0 4px}
.help{font-weight:400;color:#59636e;font-size:.85rem}
input[type=text],input[type=tel],input[type=search],select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #b9bfc6;border-radius:6px;background:#fff}
textarea{min-height:10em}
fieldset{border:1px solid #e3e5e8;border-radius:8px;margin:10px 0;padding:8px 12px}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:9px 16px;border-radius:6px;border:0;background:#b3261e;color:#fff;text-decoration:none;cursor:pointer;margin-top:10px}
.secondary{background:#44505c}
.errors{border:2px solid #b3261e;background:#fdecea}
.notice{border:2px solid #0d652d;background:#e6f4ea}
.marks span{margin-right:12px}
.pager{display:flex;gap:14px;align-items:center;margin-top:12px}
img.photo{max-width:100%;height:auto;border-radius:6px;margin:4px 0}
footer.site{max-width:960px;margin:0 auto;padding:16px;color:#59636e;font-size:.85rem}
`.trim();

export const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12);
export const cssPath = `/assets/site.${cssHash}.css`;
