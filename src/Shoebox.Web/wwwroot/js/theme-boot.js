// Runs before the first paint: applies the theme remembered by the toggle, if any (else the system's).
try {
  const theme = localStorage.getItem('shoebox-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch { /* storage disabled: follow the system */ }
