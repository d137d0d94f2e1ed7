/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  // The BOM as bytes: a string's leading U+FEFF may be dropped on the way to the file.
  const bom = text.startsWith('\uFEFF');
  const bytes = new TextEncoder().encode(bom ? text.slice(1) : text);
  const url = URL.createObjectURL(new Blob(bom ? [new Uint8Array([0xef, 0xbb, 0xbf]), bytes] : [bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
