// The web front end; `docker compose up` starts it with the API beside it.
const http = require('http');

http.createServer((request, response) => response.end('ok')).listen(3000, '127.0.0.1');
