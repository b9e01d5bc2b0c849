"""The treasury's web console at central (server-rendered, Spanish, no front-end build step).

Stable API for the console's pages (other modules of this package and later pages build on it):

- ``rutas.montar(app, web.Contexto(motor, reloj, proxies))``: mounts every console router and the error
  handlers; ``central.app.crear_app`` calls it before declaring its catch-all route.
- ``web.usuario_consola(request) -> UsuarioConsola``: FastAPI dependency; the signed-in user, or a 303 to
  ``/consola/entrar``. ``web.exigir_rol(*roles)``: dependency factory, 403 page for other roles.
  Roles: ``tesorero``, ``auditor`` (read-only), ``administrador``.
- ``web.formulario(request) -> dict[str, str]``: async dependency parsing a urlencoded form (bounded).
- ``web.token_csrf(request)`` (also a template global): the value of the hidden field ``csrf_token``
  (``web.CAMPO_CSRF``) every form carries; ``web.exigir_csrf(request, formulario)`` refuses (403) a POST
  without it or with a wrong one.
- ``web.plantillas.TemplateResponse(request, "pagina.html", {...})``: Jinja2 templates in ``plantillas/``
  (package data); pages extend ``base.html`` and fill the blocks ``titulo`` and ``contenido``. Templates
  get ``usuario`` (or None), the filter ``pesos`` ("$1,234.56"), ``token_csrf``, ``CAMPO_CSRF`` and
  ``NOMBRES_ROL``. ``web.ErrorConsola(estado, mensaje)`` raised from a route becomes a Spanish error page
  with that status. Every page answers with no-store, no-framing and a same-origin CSP (no inline
  scripts or styles: put CSS in ``plantillas/estilo.css``).
- ``web.agregar_menu(texto, ruta, *roles)``: a navigation link for ``roles`` (all when none), called at
  import by the module that owns the page. A new router is added to ``rutas.montar``.
- ``sesiones.auditar(motor, usuario, accion, detalle)``: one audit row per console action.
- ``sesiones.sesion_valida(motor, cookies) -> str | None``: the user name of a live console session, for
  the JSON reports that accept a session cookie as credentials.
- ``sesiones.bitacora(motor, limite)``: the latest audit rows.
- ``graficas.barras(filas, titulo)``: horizontal bar chart as inline SVG rendered on the server.
- Tests: ``tests/central/navegador.py`` has the fixtures ``central_viva`` (a real ``jerez-pos central`` on
  a throw-away PostgreSQL) and ``navegador`` (headless Chromium, system chromedriver), plus ``arrancar``,
  ``detener``, ``crear_usuario``, ``entrar`` and ``enviar``.
"""
