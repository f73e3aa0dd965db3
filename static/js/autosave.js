// Autosave: text saves as the person types (debounced) and on leaving a field.
