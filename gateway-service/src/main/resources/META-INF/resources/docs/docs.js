// The API reference: Swagger UI over the document this gateway serves (/q/openapi), tried out with an API key or a
// token entered under "Authorize". Nothing is kept in the browser between visits.
window.addEventListener('DOMContentLoaded', () => {
  window.ui = SwaggerUIBundle({
    url: '/q/openapi?format=json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    // No badge from validator.swagger.io: the page talks to this gateway only.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
