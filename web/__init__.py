"""Server-rendered pages over the engine: the citizens' lookup (/tra-cuu) and the printed forms Mẫu 01–06."""
