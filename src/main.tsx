import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { startEarlyModelLoad } from './ui/sampler/earlyModelLoad';
import './ui/styles.css';

// Before React's first render: the models index, and the chosen model's load once it is here.
startEarlyModelLoad();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
