// Tailwind CSS 4 through PostCSS (Next picks this file up for every CSS import).
export default { plugins: { '@tailwindcss/postcss': {} } };
