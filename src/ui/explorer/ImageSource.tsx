import { useEffect, useRef } from 'react';

export const SAMPLES = [
  { id: 'photo', file: 'photo.jpg', label: 'Photograph' },
  { id: 'flat', file: 'flat.png', label: 'Flat graphic' },
  { id: 'white-noise', file: 'white-noise.png', label: 'White noise' },
] as const;

interface ImageSourceProps {
  onFile: (file: Blob, name: string) => void;
  onSample: (file: string) => void;
  busy: boolean;
}

/** File picker, bundled samples, and page-wide drag-and-drop and paste. */
export function ImageSource({ onFile, onSample, busy }: ImageSourceProps) {
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
      if (file) onFileRef.current(file, file.name || 'pasted image');
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
      <legend>Image</legend>
      <label>
        Your image (or drop / paste one anywhere):{' '}
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
        Samples:
        {SAMPLES.map((sample) => (
          <button
            key={sample.id}
            type="button"
            data-testid={`sample-${sample.id}`}
            onClick={() => onSample(sample.file)}
          >
            {sample.label}
          </button>
        ))}
      </span>
    </fieldset>
  );
}
