// Search by an image: the picker button, dropping a file anywhere on the page, or pasting one.
import { searchByImage } from './api.js';

export function setupUpload({ onResult, onError }) {
  const picker = document.getElementById('file');
  const drop = document.getElementById('drop');
  const button = document.getElementById('image-search');

  async function send(file) {
    if (!file) return;
    if (!file.type.startsWith('image/') && file.type !== '') { onError('That is not an image.'); return; }
    button.classList.add('busy');
    try {
      const page = await searchByImage(file);
      onResult(page, URL.createObjectURL(file));
    } catch (error) {
      onError(error.message);
    } finally {
      button.classList.remove('busy');
    }
  }

  button.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => { send(picker.files[0]); picker.value = ''; });

  let depth = 0;
  const hasFiles = event => [...(event.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', event => { if (hasFiles(event)) { depth++; drop.hidden = false; } });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  window.addEventListener('dragover', event => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener('drop', event => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    drop.hidden = true;
    send(event.dataTransfer.files[0]);
  });
  window.addEventListener('paste', event => {
    const item = [...(event.clipboardData?.items ?? [])].find(i => i.kind === 'file' && i.type.startsWith('image/'));
    if (item) { event.preventDefault(); send(item.getAsFile()); }
  });
}
