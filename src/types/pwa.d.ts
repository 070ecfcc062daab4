// Types of vite-plugin-pwa's virtual module (the service worker registration hook).
/// <reference types="vite-plugin-pwa/react" />
