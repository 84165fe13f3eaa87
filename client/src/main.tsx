import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'leaflet/dist/leaflet.css';
import './styles/theme.css';
import './styles/wall.css';
import './styles/login.css';
import './styles/alarms.css';
import './styles/map.css';
import './styles/guards.css';
import './styles/sos.css';
import './styles/console.css';
import './styles/video.css';
import './styles/monitor.css';
import './styles/phone-setup.css';
import './styles/wall-ops.css';
import './styles/storm.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { i18nReady } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

void i18nReady.then(() => {
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  );
});
