import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';

import { SAMPLES, type SampleId } from '../explorerContent';

interface ImageSourceProps {
  onFile: (file: Blob, name: string) => void;
  onSample: (id: SampleId) => void;
  busy: boolean;
}

/** File picker, bundled samples, and page-wide drag-and-drop and paste. */
export function ImageSource({ onFile, onSample, busy }: ImageSourceProps) {
  const { t: tr } = useTranslation();
  const onFileRef = useRef(onFile);
  useEffect(() => {
    onFileRef.current = onFile;
  }, [onFile]);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => event.preventDefault();
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) onFileRef.current(file, file.name);
    };
    const onPaste = (event: ClipboardEvent) => {
      const file = [...(event.clipboardData?.files ?? [])][0];
      if (file) onFileRef.current(file, file.name || translate('imageSource.pasted'));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  return (
    <fieldset className="image-source" aria-busy={busy}>
      <legend>{tr('imageSource.legend')}</legend>
      <label>
        {tr('imageSource.yours')}{' '}
        <input
          type="file"
          accept="image/*"
          data-testid="image-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file, file.name);
            event.target.value = '';
          }}
        />
      </label>
      <span className="samples">
        {tr('imageSource.samples')}
        {SAMPLES.map((sample) => (
          <button key={sample.id} type="button" data-testid={`sample-${sample.id}`} onClick={() => onSample(sample.id)}>
            {tr(sample.label)}
          </button>
        ))}
      </span>
    </fieldset>
  );
}
