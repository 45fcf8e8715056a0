<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AddrInfoModel</name>
    <message>
        <source>connect() tries the rows in this order</source>
        <translation>connect() prueba las filas en este orden</translation>
    </message>
    <message>
        <source>no client panel for %1</source>
        <translation>no hay ningún panel de cliente para %1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>ai_family</source>
        <translation>ai_family</translation>
    </message>
    <message>
        <source>ai_socktype</source>
        <translation>ai_socktype</translation>
    </message>
    <message>
        <source>ai_protocol</source>
        <translation>ai_protocol</translation>
    </message>
    <message>
        <source>ai_canonname</source>
        <translation>ai_canonname</translation>
    </message>
    <message>
        <source>ai_addr</source>
        <translation>ai_addr</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Extremo</translation>
    </message>
</context>
<context>
    <name>ByteOrderTab</name>
    <message>
        <source>decimal or 0x hex</source>
        <translation>decimal o hexadecimal con 0x</translation>
    </message>
    <message>
        <source>16 bits: htons / ntohs (ports)</source>
        <translation>16 bits: htons / ntohs (puertos)</translation>
    </message>
    <message>
        <source>32 bits: htonl / ntohl (IPv4 addresses)</source>
        <translation>32 bits: htonl / ntohl (direcciones IPv4)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Argument</source>
        <translation>Argumento</translation>
    </message>
    <message>
        <source>Argument&apos;s bytes in memory</source>
        <translation>Bytes del argumento en memoria</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Result&apos;s bytes in memory</source>
        <translation>Bytes del resultado en memoria</translation>
    </message>
    <message>
        <source>This host is %1.</source>
        <translation>Este equipo es %1.</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Valor:</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>A&amp;nchura:</translation>
    </message>
</context>
<context>
    <name>GetAddrInfoTab</name>
    <message>
        <source>&amp;Look up</source>
        <translation>&amp;Consultar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open client panel</source>
        <translation>Abrir panel de cliente</translation>
    </message>
    <message>
        <source>name or address; empty = NULL</source>
        <translation>nombre o dirección; vacío = NULL</translation>
    </message>
    <message>
        <source>name or port; empty = NULL</source>
        <translation>nombre o puerto; vacío = NULL</translation>
    </message>
    <message>
        <source>AF_UNSPEC (any)</source>
        <translation>AF_UNSPEC (cualquiera)</translation>
    </message>
    <message>
        <source>AF_INET (IPv4)</source>
        <translation>AF_INET (IPv4)</translation>
    </message>
    <message>
        <source>AF_INET6 (IPv6)</source>
        <translation>AF_INET6 (IPv6)</translation>
    </message>
    <message>
        <source>0 (any)</source>
        <translation>0 (cualquiera)</translation>
    </message>
    <message>
        <source>0 (the type&apos;s default)</source>
        <translation>0 (el predeterminado del tipo)</translation>
    </message>
    <message>
        <source>&amp;Host (node):</source>
        <translation>&amp;Host (nodo):</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Servicio:</translation>
    </message>
    <message>
        <source>ai_&amp;family:</source>
        <translation>ai_&amp;family:</translation>
    </message>
    <message>
        <source>ai_sock&amp;type:</source>
        <translation>ai_sock&amp;type:</translation>
    </message>
    <message>
        <source>ai_&amp;protocol:</source>
        <translation>ai_&amp;protocol:</translation>
    </message>
    <message>
        <source>ai_flags</source>
        <translation>ai_flags</translation>
    </message>
    <message>
        <source>getaddrinfo cannot be interrupted: its answer is dropped and its thread ends by itself</source>
        <translation>getaddrinfo no se puede interrumpir: su respuesta se descarta y su hilo termina por sí solo</translation>
    </message>
    <message>
        <source>looking up…</source>
        <translation>consultando…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>1 address</source>
        <translation>1 dirección</translation>
    </message>
    <message>
        <source>%1 addresses</source>
        <translation>%1 direcciones</translation>
    </message>
    <message>
        <source>, in the order connect() tries them — %1</source>
        <translation>, en el orden en que las prueba connect() — %1</translation>
    </message>
    <message>
        <source>Answer from: %1</source>
        <translation>Respuesta de: %1</translation>
    </message>
    <message>
        <source>cancelled after %1 ms: getaddrinfo cannot be interrupted, so its thread runs on until the resolver answers and the answer is dropped</source>
        <translation>cancelada tras %1 ms: getaddrinfo no se puede interrumpir, así que su hilo sigue hasta que responda el resolvedor y la respuesta se descarta</translation>
    </message>
</context>
<context>
    <name>HostServicesTab</name>
    <message>
        <source>This host</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>gethostname():</source>
        <translation>gethostname():</translation>
    </message>
    <message>
        <source>fully qualified (AI_CANONNAME):</source>
        <translation>nombre completo (AI_CANONNAME):</translation>
    </message>
    <message>
        <source>Services (getservbyname / getservbyport)</source>
        <translation>Servicios (getservbyname / getservbyport)</translation>
    </message>
    <message>
        <source>a name (http) or a port (80)</source>
        <translation>un nombre (http) o un puerto (80)</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Consultar</translation>
    </message>
    <message>
        <source>Where does a name&apos;s answer come from?</source>
        <translation>¿De dónde sale la respuesta para un nombre?</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>gethostname failed: %1</source>
        <translation>gethostname falló: %1</translation>
    </message>
    <message>
        <source>%1 (the lookup of it failed: %2)</source>
        <translation>%1 (su consulta falló: %2)</translation>
    </message>
    <message>
        <source>port %1 is over 65535</source>
        <translation>el puerto %1 es mayor que 65535</translation>
    </message>
    <message>
        <source>nsswitch.conf hosts: %1</source>
        <translation>nsswitch.conf hosts: %1</translation>
    </message>
    <message>
        <source>(no hosts: line)</source>
        <translation>(no hay línea hosts:)</translation>
    </message>
    <message>
        <source>/etc/hosts: %1</source>
        <translation>/etc/hosts: %1</translation>
    </message>
    <message>
        <source>no line names it</source>
        <translation>ninguna línea lo nombra</translation>
    </message>
    <message>
        <source>resolv.conf nameservers: %1</source>
        <translation>servidores de nombres de resolv.conf: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>InetConvertTab</name>
    <message>
        <source>hex bytes in network order: 7f 00 00 01</source>
        <translation>bytes en hexadecimal en orden de red: 7f 00 00 01</translation>
    </message>
    <message>
        <source>&amp;Family:</source>
        <translation>&amp;Familia:</translation>
    </message>
    <message>
        <source>&amp;Text (presentation):</source>
        <translation>&amp;Texto (presentación):</translation>
    </message>
    <message>
        <source>&amp;Bytes (network):</source>
        <translation>&amp;Bytes (red):</translation>
    </message>
    <message>
        <source>inet_pton writes the address in network byte order (most significant byte first) into struct in_addr / in6_addr; inet_ntop reads it back. Edit either side.</source>
        <translation>inet_pton escribe la dirección en orden de bytes de red (el byte más significativo primero) en struct in_addr / in6_addr; inet_ntop la vuelve a leer. Puede editar cualquiera de los dos lados.</translation>
    </message>
    <message>
        <source>inet_pton returned 0: %1</source>
        <translation>inet_pton devolvió 0: %1</translation>
    </message>
    <message numerus="yes">
        <source>inet_pton returned 1: %n byte(s)</source>
        <translation>
            <numerusform>inet_pton devolvió 1: %n byte</numerusform>
            <numerusform>inet_pton devolvió 1: %n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>; s_addr printed as a number here is %1, ntohl(s_addr) = %2</source>
        <translation>; s_addr impreso como número en este equipo es %1, ntohl(s_addr) = %2</translation>
    </message>
    <message>
        <source>inet_ntop → %1</source>
        <translation>inet_ntop → %1</translation>
    </message>
</context>
<context>
    <name>NameInfoTab</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address</source>
        <translation>Dirección IPv4 o IPv6</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>flags</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>&amp;Consultar</translation>
    </message>
    <message>
        <source>getnameinfo cannot be interrupted: its answer is dropped</source>
        <translation>getnameinfo no se puede interrumpir: su respuesta se descarta</translation>
    </message>
    <message>
        <source>host:</source>
        <translation>host:</translation>
    </message>
    <message>
        <source>service:</source>
        <translation>servicio:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 or IPv6 address</source>
        <translation>&apos;%1&apos; no es una dirección IPv4 ni IPv6</translation>
    </message>
    <message>
        <source>looking up…</source>
        <translation>consultando…</translation>
    </message>
    <message>
        <source>cancelled: the lookup&apos;s thread runs on until the resolver answers, and the answer is dropped</source>
        <translation>cancelada: el hilo de la consulta sigue hasta que responda el resolvedor, y la respuesta se descarta</translation>
    </message>
</context>
<context>
    <name>NetstatModel</name>
    <message>
        <source>SockBench&apos;s own socket (%1); double-click to go to its panel</source>
        <translation>Socket propio de SockBench (%1); doble clic para ir a su panel</translation>
    </message>
    <message>
        <source>inode 0: no file refers to this socket any more (TIME_WAIT or orphaned)</source>
        <translation>inodo 0: ningún fichero hace ya referencia a este socket (TIME_WAIT o huérfano)</translation>
    </message>
    <message>
        <source>Proto</source>
        <translation>Proto</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>Local Address</source>
        <translation>Dirección local</translation>
    </message>
    <message>
        <source>Foreign Address</source>
        <translation>Dirección remota</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>PID/Program name</source>
        <translation>PID/Nombre del programa</translation>
    </message>
    <message>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inodo</translation>
    </message>
    <message>
        <source>SockBench</source>
        <translation>SockBench</translation>
    </message>
    <message>
        <source>RefCnt</source>
        <translation>RefCnt</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>I-Node</source>
        <translation>Inodo</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
</context>
<context>
    <name>NetstatPanel</name>
    <message>
        <source>TCP (-t)</source>
        <translation>TCP (-t)</translation>
    </message>
    <message>
        <source>UDP (-u)</source>
        <translation>UDP (-u)</translation>
    </message>
    <message>
        <source>UNIX (-x)</source>
        <translation>UNIX (-x)</translation>
    </message>
    <message>
        <source>Numeric (-n)</source>
        <translation>Numérico (-n)</translation>
    </message>
    <message>
        <source>Programs (-p)</source>
        <translation>Programas (-p)</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Cada</translation>
    </message>
    <message>
        <source>Off: names from getnameinfo and getservbyport, which may ask DNS</source>
        <translation>Desactivado: nombres de getnameinfo y getservbyport, que pueden consultar el DNS</translation>
    </message>
    <message>
        <source>All (-a)</source>
        <translation>Todos (-a)</translation>
    </message>
    <message>
        <source>Listening (-l)</source>
        <translation>En escucha (-l)</translation>
    </message>
    <message>
        <source>Non-listening</source>
        <translation>Sin escucha</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Filter rows: a port, an address, a state…</source>
        <translation>Filtrar filas: un puerto, una dirección, un estado…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>The command that prints the same sockets</source>
        <translation>La orden que muestra los mismos sockets</translation>
    </message>
    <message>
        <source>Internet sockets (tcp, tcp6, udp, udp6)</source>
        <translation>Sockets de Internet (tcp, tcp6, udp, udp6)</translation>
    </message>
    <message>
        <source>UNIX domain sockets</source>
        <translation>Sockets del dominio UNIX</translation>
    </message>
    <message>
        <source>Multicast groups (-g)</source>
        <translation>Grupos de multidifusión (-g)</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interfaz</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>%1 Internet and %2 UNIX sockets, %3 of them SockBench&apos;s — read at %4 in %5 ms</source>
        <translation>%1 sockets de Internet y %2 UNIX, %3 de ellos de SockBench — leídos a las %4 en %5 ms</translation>
    </message>
</context>
<context>
    <name>PayloadCopy</name>
    <message>
        <source>Copy as &amp;text</source>
        <translation>Copiar como &amp;texto</translation>
    </message>
    <message>
        <source>Copy as &amp;hex</source>
        <translation>Copiar como &amp;hex</translation>
    </message>
    <message>
        <source>Copy as C &amp;string</source>
        <translation>Copiar como ca&amp;dena C</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>no service &apos;%1&apos; in the services database</source>
        <translation>no hay ningún servicio &apos;%1&apos; en la base de datos de servicios</translation>
    </message>
    <message>
        <source>  aliases: %1</source>
        <translation>  alias: %1</translation>
    </message>
    <message>
        <source>TCP client in C → a workbench echo server</source>
        <translation>Cliente TCP en C → un servidor de eco del banco de trabajo</translation>
    </message>
    <message>
        <source>examples/tcp_client.c connects to an echo server of the workbench, sends a line and reads the echo</source>
        <translation>examples/tcp_client.c se conecta a un servidor de eco del banco de trabajo, envía una línea y lee el eco</translation>
    </message>
    <message>
        <source>Iterative TCP server in C ← a workbench client</source>
        <translation>Servidor TCP iterativo en C ← un cliente del banco de trabajo</translation>
    </message>
    <message>
        <source>examples/tcp_iterative_server.c serves one client at a time; a workbench client connects to it</source>
        <translation>examples/tcp_iterative_server.c atiende a un cliente cada vez; un cliente del banco de trabajo se conecta a él</translation>
    </message>
    <message>
        <source>Concurrent TCP server in C (fork) ← a workbench client</source>
        <translation>Servidor TCP concurrente en C (fork) ← un cliente del banco de trabajo</translation>
    </message>
    <message>
        <source>examples/tcp_concurrent_server.c forks a child per client; the child shows under the program in Processes</source>
        <translation>examples/tcp_concurrent_server.c crea un hijo con fork por cliente; el hijo aparece bajo el programa en Procesos</translation>
    </message>
    <message>
        <source>UDP client in C → a workbench UDP echo</source>
        <translation>Cliente UDP en C → un eco UDP del banco de trabajo</translation>
    </message>
    <message>
        <source>examples/udp_echo.c client sends a datagram to a UDP socket of the workbench and reads the answer</source>
        <translation>examples/udp_echo.c client envía un datagrama a un socket UDP del banco de trabajo y lee la respuesta</translation>
    </message>
    <message>
        <source>socketpair in C: parent and child</source>
        <translation>socketpair en C: padre e hijo</translation>
    </message>
    <message>
        <source>examples/socketpair_user.c: a socketpair shared by a parent and its forked child</source>
        <translation>examples/socketpair_user.c: un socketpair compartido por un padre y el hijo que crea con fork</translation>
    </message>
    <message>
        <source>Course &amp;programs, traced</source>
        <translation>&amp;Programas del curso, trazados</translation>
    </message>
    <message>
        <source>Course programs</source>
        <translation>Programas del curso</translation>
    </message>
</context>
<context>
    <name>ResolverPanel</name>
    <message>
        <source>getaddrinfo</source>
        <translation>getaddrinfo</translation>
    </message>
    <message>
        <source>getnameinfo</source>
        <translation>getnameinfo</translation>
    </message>
    <message>
        <source>Host &amp;&amp; services</source>
        <translation>Hosts &amp;&amp; servicios</translation>
    </message>
    <message>
        <source>inet_pton / ntop</source>
        <translation>inet_pton / ntop</translation>
    </message>
    <message>
        <source>Byte order</source>
        <translation>Orden de bytes</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A socket workbench: open TCP, UDP and UNIX sockets and watch their system calls.</source>
        <translation>Un banco de trabajo de sockets: abra sockets TCP, UDP y UNIX y observe sus llamadas al sistema.</translation>
    </message>
    <message>
        <source>Quit as soon as the window has been painted once (start-up benchmark).</source>
        <translation>Salir en cuanto la ventana se haya pintado una vez (medida del arranque).</translation>
    </message>
    <message>
        <source>Start with no panel (by default a TCP echo server and a client connected to it).</source>
        <translation>Empezar sin paneles (por defecto, un servidor de eco TCP y un cliente conectado a él).</translation>
    </message>
    <message>
        <source>The language of the window: en or es (by default the Language menu&apos;s choice, or the system&apos;s).</source>
        <translation>El idioma de la ventana: en o es (por defecto, el elegido en el menú Idioma o el del sistema).</translation>
    </message>
    <message>
        <source>Open the built-in demo NAME (see sockbench-cli demo --list), or a demo file.</source>
        <translation>Abrir la demostración incluida NAME (véase sockbench-cli demo --list) o un fichero de demostración.</translation>
    </message>
    <message>
        <source>Run in a user and network namespace of its own, where capturing packets on lo needs no root (only that lo is reachable).</source>
        <translation>Se ejecuta en un espacio de nombres de usuario y de red propio, donde capturar paquetes en lo no necesita root (solo se alcanza ese lo).</translation>
    </message>
    <message>
        <source>A workspace file to open (File &gt; Save workspace).</source>
        <translation>Un fichero de espacio de trabajo que abrir (Archivo &gt; Guardar espacio de trabajo).</translation>
    </message>
</context>
<context>
    <name>sb::ClientsModel</name>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Otro extremo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
</context>
<context>
    <name>sb::ClientsView</name>
    <message>
        <source>Send to selected</source>
        <translation>Enviar al seleccionado</translation>
    </message>
    <message>
        <source>Send the composer&apos;s message to the selected clients</source>
        <translation>Enviar el mensaje del editor de envío a los clientes seleccionados</translation>
    </message>
    <message>
        <source>Kick</source>
        <translation>Expulsar</translation>
    </message>
    <message>
        <source>close() this client&apos;s connection (orderly: FIN)</source>
        <translation>close() de la conexión de este cliente (ordenado: FIN)</translation>
    </message>
    <message>
        <source>Abort (RST)</source>
        <translation>Abortar (RST)</translation>
    </message>
    <message>
        <source>SO_LINGER {1, 0} then close(): the client gets ECONNRESET</source>
        <translation>SO_LINGER {1, 0} y después close(): el cliente recibe ECONNRESET</translation>
    </message>
    <message>
        <source>Shutdown WR</source>
        <translation>Shutdown WR</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): the client reads EOF, can still send</source>
        <translation>shutdown(SHUT_WR): el cliente lee EOF y todavía puede enviar</translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>&amp;Copiar fila</translation>
    </message>
    <message>
        <source>Copy &amp;peer address</source>
        <translation>Copiar &amp;dirección</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send the message to %n clients</source>
        <translation>
            <numerusform>&amp;Enviar el mensaje a %n cliente</numerusform>
            <numerusform>&amp;Enviar el mensaje a %n clientes</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Send the message to this client</source>
        <translation>&amp;Enviar el mensaje a este cliente</translation>
    </message>
    <message>
        <source>&amp;Filter the log by this peer</source>
        <translation>&amp;Filtrar el registro por este par</translation>
    </message>
    <message>
        <source>F&amp;ollow this connection</source>
        <translation>&amp;Seguir esta conexión</translation>
    </message>
    <message>
        <source>Shutdown &amp;WR</source>
        <translation>Shutdown &amp;WR</translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation>E&amp;xpulsar</translation>
    </message>
    <message>
        <source>&amp;Abort (RST)</source>
        <translation>&amp;Abortar (RST)</translation>
    </message>
</context>
<context>
    <name>sb::ConnectionsDock</name>
    <message>
        <source>Every socket of the workbench, as netstat -a shows them. Double-click a row to go to its panel.</source>
        <translation>Todos los sockets del banco de trabajo, como los muestra netstat -a. Doble clic en una fila para ir a su panel.</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>&amp;Copiar fila</translation>
    </message>
    <message>
        <source>Copy &amp;local address</source>
        <translation>Copiar dirección &amp;local</translation>
    </message>
    <message>
        <source>Copy fo&amp;reign address</source>
        <translation>Copiar dirección &amp;remota</translation>
    </message>
    <message>
        <source>F&amp;ollow this connection</source>
        <translation>&amp;Seguir esta conexión</translation>
    </message>
    <message>
        <source>Show its panel (a server&apos;s client: its row in the Clients tab)</source>
        <translation>Mostrar su panel (el cliente de un servidor: su fila en la pestaña Clientes)</translation>
    </message>
    <message>
        <source>&amp;Filter its panel&apos;s log by this peer</source>
        <translation>&amp;Filtrar el registro de su panel por este par</translation>
    </message>
    <message>
        <source>Show its &amp;TCP state</source>
        <translation>Ver su estado &amp;TCP</translation>
    </message>
</context>
<context>
    <name>sb::ConnectionsModel</name>
    <message>
        <source>Closed: this row goes in a few seconds</source>
        <translation>Cerrado: esta fila desaparece en unos segundos</translation>
    </message>
    <message>
        <source>On a listening socket, as ss shows it: Recv-Q is the connections waiting for accept(), Send-Q the backlog</source>
        <translation>En un socket de escucha, como lo muestra ss: Recv-Q son las conexiones que esperan a accept() y Send-Q el backlog</translation>
    </message>
    <message>
        <source>%1 messages in, %2 out</source>
        <translation>%1 mensajes recibidos, %2 enviados</translation>
    </message>
    <message>
        <source>Proto</source>
        <translation>Proto</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>Local Address</source>
        <translation>Dirección local</translation>
    </message>
    <message>
        <source>Foreign Address</source>
        <translation>Dirección remota</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>FD</source>
        <translation>FD</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes recibidos</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes enviados</translation>
    </message>
</context>
<context>
    <name>sb::CoreText</name>
    <message>
        <source>the destination is a broadcast address and SO_BROADCAST is not set</source>
        <translation>el destino es una dirección de difusión y SO_BROADCAST no está activado</translation>
    </message>
    <message>
        <source>no route to that network; for an IPv6 multicast group out of lo: lo has no IFF_MULTICAST, so IPv6 has no route for the group</source>
        <translation>no hay ruta a esa red; para un grupo de multidifusión IPv6 por lo: lo no tiene IFF_MULTICAST, así que IPv6 no tiene ruta para el grupo</translation>
    </message>
    <message>
        <source>no interface of that name or address</source>
        <translation>no hay ninguna interfaz con ese nombre o esa dirección</translation>
    </message>
    <message>
        <source>this socket has already joined that group on that interface</source>
        <translation>este socket ya se unió a ese grupo en esa interfaz</translation>
    </message>
    <message>
        <source>no interface of that name or address, or no route to the group to choose one by (name the interface: GROUP%lo)</source>
        <translation>no hay ninguna interfaz con ese nombre o esa dirección, o no hay ruta al grupo por la que elegir una (indique la interfaz: GRUPO%lo)</translation>
    </message>
    <message>
        <source>not a multicast group, or a group of the other family than the socket</source>
        <translation>no es un grupo de multidifusión, o es un grupo de la otra familia que el socket</translation>
    </message>
    <message>
        <source>too many memberships on this socket (net.ipv4.igmp_max_memberships, 20 by default)</source>
        <translation>demasiadas pertenencias en este socket (net.ipv4.igmp_max_memberships, 20 por omisión)</translation>
    </message>
    <message>
        <source>the interface address is not an address of this machine</source>
        <translation>la dirección de la interfaz no es una dirección de esta máquina</translation>
    </message>
    <message>
        <source>this socket has not joined that group on that interface</source>
        <translation>este socket no se unió a ese grupo en esa interfaz</translation>
    </message>
    <message>
        <source>this kernel does not support that address family</source>
        <translation>este kernel no admite esa familia de direcciones</translation>
    </message>
    <message>
        <source>that protocol does not go with this family and socket type</source>
        <translation>ese protocolo no corresponde a esta familia y tipo de socket</translation>
    </message>
    <message>
        <source>the process has too many open descriptors (ulimit -n)</source>
        <translation>el proceso tiene demasiados descriptores abiertos (ulimit -n)</translation>
    </message>
    <message>
        <source>creating this kind of socket needs privileges (raw sockets need root)</source>
        <translation>crear este tipo de socket requiere privilegios (los sockets raw requieren root)</translation>
    </message>
    <message>
        <source>another socket is bound to this address and port (or it lingers in TIME_WAIT: set SO_REUSEADDR)</source>
        <translation>otro socket está asociado a esta dirección y puerto (o sigue en TIME_WAIT: active SO_REUSEADDR)</translation>
    </message>
    <message>
        <source>ports below 1024 need root (CAP_NET_BIND_SERVICE); for a UNIX path, no write permission on its directory</source>
        <translation>los puertos por debajo de 1024 requieren root (CAP_NET_BIND_SERVICE); con una ruta UNIX, no hay permiso de escritura en su directorio</translation>
    </message>
    <message>
        <source>that address is not an address of this machine</source>
        <translation>esa dirección no es de esta máquina</translation>
    </message>
    <message>
        <source>the socket is already bound to an address</source>
        <translation>el socket ya está asociado a una dirección</translation>
    </message>
    <message>
        <source>a directory of the UNIX socket path does not exist</source>
        <translation>no existe un directorio de la ruta del socket UNIX</translation>
    </message>
    <message>
        <source>a component of the UNIX socket path is not a directory</source>
        <translation>un componente de la ruta del socket UNIX no es un directorio</translation>
    </message>
    <message>
        <source>the UNIX socket path is on a read-only file system</source>
        <translation>la ruta del socket UNIX está en un sistema de ficheros de solo lectura</translation>
    </message>
    <message>
        <source>the UNIX socket path is too long (107 bytes at most)</source>
        <translation>la ruta del socket UNIX es demasiado larga (107 bytes como máximo)</translation>
    </message>
    <message>
        <source>something is already at that UNIX path (a file, a directory, or a socket a server listens on); only a socket file nobody listens on is replaced: remove it or choose another path (an abstract @name: another socket holds it)</source>
        <translation>ya hay algo en esa ruta UNIX (un fichero, un directorio o un socket en el que escucha un servidor); solo se reemplaza un fichero de socket en el que no escucha nadie: bórrelo o elija otra ruta (un nombre abstracto @nombre: otro socket lo tiene)</translation>
    </message>
    <message>
        <source>no write permission on the directory of that UNIX path</source>
        <translation>no hay permiso de escritura en el directorio de esa ruta UNIX</translation>
    </message>
    <message>
        <source>another socket already listens on that UNIX path</source>
        <translation>otro socket ya escucha en esa ruta UNIX</translation>
    </message>
    <message>
        <source>nobody listens on that UNIX path: its server is gone (a stale socket file), or the file there is not a socket</source>
        <translation>nadie escucha en esa ruta UNIX: su servidor ya no está (un fichero de socket abandonado), o el fichero que hay no es un socket</translation>
    </message>
    <message>
        <source>another socket already listens on the same port</source>
        <translation>otro socket ya escucha en el mismo puerto</translation>
    </message>
    <message>
        <source>this socket type has no listen: datagram sockets do not accept</source>
        <translation>este tipo de socket no tiene listen: los sockets de datagramas no aceptan conexiones</translation>
    </message>
    <message>
        <source>nobody listens on that port (the peer answered with a RST)</source>
        <translation>nadie escucha en ese puerto (el otro extremo respondió con un RST): conexión rechazada</translation>
    </message>
    <message>
        <source>no answer from the peer: it is down, a firewall drops the SYN, or its backlog is full</source>
        <translation>el otro extremo no responde: está caído, un cortafuegos descarta el SYN o su backlog está lleno</translation>
    </message>
    <message>
        <source>no route to that host (it is down or unreachable)</source>
        <translation>no hay ruta hasta ese host (está caído o es inalcanzable)</translation>
    </message>
    <message>
        <source>no route to that network</source>
        <translation>no hay ruta hasta esa red</translation>
    </message>
    <message>
        <source>the socket is already connected</source>
        <translation>el socket ya está conectado</translation>
    </message>
    <message>
        <source>a non-blocking connect is already in progress on this socket</source>
        <translation>ya hay un connect no bloqueante en curso en este socket</translation>
    </message>
    <message>
        <source>the socket is non-blocking: the connection completes later (wait for writable, then read SO_ERROR)</source>
        <translation>el socket es no bloqueante: la conexión se completa más tarde (espere a que se pueda escribir y lea SO_ERROR)</translation>
    </message>
    <message>
        <source>no socket file at that path (is the server running?)</source>
        <translation>no hay ningún fichero de socket en esa ruta (¿está en marcha el servidor?)</translation>
    </message>
    <message>
        <source>the peer reset the connection while it was being set up</source>
        <translation>el otro extremo reinició la conexión mientras se establecía</translation>
    </message>
    <message>
        <source>no free local port left, or the address is not usable</source>
        <translation>no quedan puertos locales libres, o la dirección no se puede usar</translation>
    </message>
    <message>
        <source>the address family does not match the socket&apos;s</source>
        <translation>la familia de la dirección no coincide con la del socket</translation>
    </message>
    <message>
        <source>the UNIX server&apos;s backlog is full; try again later</source>
        <translation>el backlog del servidor UNIX está lleno; vuelva a intentarlo más tarde</translation>
    </message>
    <message>
        <source>no write permission on the UNIX socket file, or a broadcast address</source>
        <translation>no hay permiso de escritura en el fichero del socket UNIX, o es una dirección de difusión</translation>
    </message>
    <message>
        <source>the UNIX socket at that path is of another type (stream/datagram)</source>
        <translation>el socket UNIX de esa ruta es de otro tipo (flujo/datagramas)</translation>
    </message>
    <message>
        <source>the system has too many open files</source>
        <translation>el sistema tiene demasiados ficheros abiertos</translation>
    </message>
    <message>
        <source>the client gave up (reset) before the connection was accepted</source>
        <translation>el cliente abandonó (RST) antes de que se aceptara la conexión</translation>
    </message>
    <message>
        <source>no pending connection on this non-blocking socket</source>
        <translation>no hay conexiones pendientes en este socket no bloqueante</translation>
    </message>
    <message>
        <source>the socket is not listening (call listen first)</source>
        <translation>el socket no está en escucha (llame antes a listen)</translation>
    </message>
    <message>
        <source>this socket type does not accept connections</source>
        <translation>este tipo de socket no acepta conexiones</translation>
    </message>
    <message>
        <source>the peer closed the connection, or this side shut down writing</source>
        <translation>el otro extremo cerró la conexión, o este lado cerró la escritura</translation>
    </message>
    <message>
        <source>the peer reset the connection (it closed with unread data, or aborted)</source>
        <translation>el otro extremo reinició la conexión (cerró con datos sin leer, o abortó)</translation>
    </message>
    <message>
        <source>the datagram is larger than the socket can send in one piece</source>
        <translation>el datagrama es mayor de lo que el socket puede enviar de una vez</translation>
    </message>
    <message>
        <source>the send buffer is full (non-blocking), or SO_SNDTIMEO expired</source>
        <translation>el búfer de envío está lleno (no bloqueante), o venció SO_SNDTIMEO</translation>
    </message>
    <message>
        <source>the socket is not connected</source>
        <translation>el socket no está conectado</translation>
    </message>
    <message>
        <source>a datagram socket needs a destination: connect it or use sendto</source>
        <translation>un socket de datagramas necesita un destino: conéctelo o use sendto</translation>
    </message>
    <message>
        <source>an earlier datagram found nobody on that port (ICMP unreachable)</source>
        <translation>un datagrama anterior no encontró a nadie en ese puerto (ICMP inalcanzable)</translation>
    </message>
    <message>
        <source>the interface queue is full; datagrams are being dropped</source>
        <translation>la cola de la interfaz está llena; se están descartando datagramas</translation>
    </message>
    <message>
        <source>nothing to read yet (non-blocking), or SO_RCVTIMEO expired</source>
        <translation>aún no hay nada que leer (no bloqueante), o venció SO_RCVTIMEO</translation>
    </message>
    <message>
        <source>the connection timed out (keepalive or retransmissions gave up)</source>
        <translation>la conexión expiró (keepalive o las retransmisiones se dieron por vencidas)</translation>
    </message>
    <message>
        <source>how must be SHUT_RD, SHUT_WR or SHUT_RDWR</source>
        <translation>how debe ser SHUT_RD, SHUT_WR o SHUT_RDWR</translation>
    </message>
    <message>
        <source>socketpair only makes AF_UNIX sockets</source>
        <translation>socketpair solo crea sockets AF_UNIX</translation>
    </message>
    <message>
        <source>the protocol does not allow socket pairs</source>
        <translation>el protocolo no admite pares de sockets</translation>
    </message>
    <message>
        <source>that protocol is not supported in AF_UNIX</source>
        <translation>ese protocolo no se admite en AF_UNIX</translation>
    </message>
    <message>
        <source>this socket does not know that option at that level</source>
        <translation>este socket no conoce esa opción en ese nivel</translation>
    </message>
    <message>
        <source>the value is not valid for that option</source>
        <translation>el valor no es válido para esa opción</translation>
    </message>
    <message>
        <source>setting that option needs privileges</source>
        <translation>asignar esa opción requiere privilegios</translation>
    </message>
    <message>
        <source>there is no file at that path</source>
        <translation>no hay ningún fichero en esa ruta</translation>
    </message>
    <message>
        <source>no write permission on the directory of that path</source>
        <translation>no hay permiso de escritura en el directorio de esa ruta</translation>
    </message>
    <message>
        <source>the descriptor is not open (closed already?)</source>
        <translation>el descriptor no está abierto (¿ya se cerró?)</translation>
    </message>
    <message>
        <source>the descriptor is not a socket</source>
        <translation>el descriptor no es un socket</translation>
    </message>
    <message>
        <source>the kernel is short of memory for sockets</source>
        <translation>al kernel le falta memoria para sockets</translation>
    </message>
    <message>
        <source>a signal interrupted the call</source>
        <translation>una señal interrumpió la llamada</translation>
    </message>
    <message>
        <source>the call would block on a non-blocking socket; try again when ready</source>
        <translation>la llamada se bloquearía en un socket no bloqueante; vuelva a intentarlo cuando esté listo</translation>
    </message>
    <message>
        <source>the peer reset the connection</source>
        <translation>el otro extremo reinició la conexión</translation>
    </message>
    <message>
        <source>the connection is closed for writing</source>
        <translation>la conexión está cerrada para escritura</translation>
    </message>
    <message>
        <source>nobody listens there</source>
        <translation>nadie escucha ahí</translation>
    </message>
    <message>
        <source>the peer did not answer in time</source>
        <translation>el otro extremo no respondió a tiempo</translation>
    </message>
    <message>
        <source>no route to that host</source>
        <translation>no hay ruta hasta ese host</translation>
    </message>
    <message>
        <source>the network interface is down</source>
        <translation>la interfaz de red está desactivada</translation>
    </message>
    <message>
        <source>the address is in use</source>
        <translation>la dirección ya está en uso</translation>
    </message>
    <message>
        <source>the address is not available on this machine</source>
        <translation>la dirección no está disponible en esta máquina</translation>
    </message>
    <message>
        <source>the address family is not supported here</source>
        <translation>la familia de direcciones no se admite aquí</translation>
    </message>
    <message>
        <source>this socket type does not support that operation</source>
        <translation>este tipo de socket no admite esa operación</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permiso denegado</translation>
    </message>
    <message>
        <source>no destination address</source>
        <translation>no hay dirección de destino</translation>
    </message>
    <message>
        <source>the message is too long for this socket</source>
        <translation>el mensaje es demasiado largo para este socket</translation>
    </message>
    <message>
        <source>no such file or directory</source>
        <translation>no existe el fichero o directorio</translation>
    </message>
    <message>
        <source>the path is too long</source>
        <translation>la ruta es demasiado larga</translation>
    </message>
    <message>
        <source>no host: the wildcard address, for bind()</source>
        <translation>sin host: la dirección comodín, para bind()</translation>
    </message>
    <message>
        <source>return the host&apos;s canonical name on the first row</source>
        <translation>devolver el nombre canónico del host en la primera fila</translation>
    </message>
    <message>
        <source>the host must be an address literal: no lookup</source>
        <translation>el host debe ser una dirección literal: sin consulta</translation>
    </message>
    <message>
        <source>the service must be a port number: no lookup</source>
        <translation>el servicio debe ser un número de puerto: sin consulta</translation>
    </message>
    <message>
        <source>only families with a non-loopback address configured on this host</source>
        <translation>solo las familias con una dirección no loopback configurada en este equipo</translation>
    </message>
    <message>
        <source>with AF_INET6: IPv4 answers as ::ffff:a.b.c.d when there is no IPv6 one</source>
        <translation>con AF_INET6: respuestas IPv4 como ::ffff:a.b.c.d cuando no hay ninguna IPv6</translation>
    </message>
    <message>
        <source>with AI_V4MAPPED: IPv6 and mapped IPv4 answers both</source>
        <translation>con AI_V4MAPPED: tanto las respuestas IPv6 como las IPv4 mapeadas</translation>
    </message>
    <message>
        <source>the address as digits, no reverse lookup</source>
        <translation>la dirección en cifras, sin consulta inversa</translation>
    </message>
    <message>
        <source>the port as digits, no services lookup</source>
        <translation>el puerto en cifras, sin consultar los servicios</translation>
    </message>
    <message>
        <source>fail with EAI_NONAME when the address has no name</source>
        <translation>fallar con EAI_NONAME cuando la dirección no tiene nombre</translation>
    </message>
    <message>
        <source>look the port up as a UDP service (some differ from TCP&apos;s)</source>
        <translation>buscar el puerto como servicio UDP (algunos difieren de los de TCP)</translation>
    </message>
    <message>
        <source>only the host part of a local name</source>
        <translation>solo la parte del host de un nombre local</translation>
    </message>
    <message>
        <source>Bind a port that an old connection still holds in TIME_WAIT (set before bind).</source>
        <translation>Permite hacer bind a un puerto que una conexión antigua aún retiene en TIME_WAIT (se asigna antes de bind).</translation>
    </message>
    <message>
        <source>Several sockets of the same user bind one port; the kernel spreads connections or datagrams among them (set on each before bind).</source>
        <translation>Varios sockets del mismo usuario hacen bind al mismo puerto; el kernel reparte entre ellos las conexiones o los datagramas (se asigna en cada uno antes de bind).</translation>
    </message>
    <message>
        <source>Probe an idle connection so a vanished peer is noticed (after 2 h by default).</source>
        <translation>Sondea una conexión inactiva para detectar que el otro extremo ha desaparecido (tras 2 h por defecto).</translation>
    </message>
    <message>
        <source>Receive buffer size. The kernel doubles the value asked for (bookkeeping) and caps it at net.core.rmem_max.</source>
        <translation>Tamaño del búfer de recepción. El kernel duplica el valor pedido (para su contabilidad) y lo limita a net.core.rmem_max.</translation>
    </message>
    <message>
        <source>Send buffer size. The kernel doubles the value asked for and caps it at net.core.wmem_max.</source>
        <translation>Tamaño del búfer de envío. El kernel duplica el valor pedido y lo limita a net.core.wmem_max.</translation>
    </message>
    <message>
        <source>What close does with unsent data: off returns at once; on,N waits up to N s; on,0 discards it and sends a RST (abortive close).</source>
        <translation>Qué hace close con los datos sin enviar: off vuelve enseguida; on,N espera hasta N s; on,0 los descarta y envía un RST (cierre abortivo).</translation>
    </message>
    <message>
        <source>Allow sending datagrams to a broadcast address.</source>
        <translation>Permite enviar datagramas a una dirección de difusión.</translation>
    </message>
    <message>
        <source>A blocking receive gives up with EAGAIN after this long (0: never). SockBench&apos;s own sockets are non-blocking, so it shows only on blocking calls.</source>
        <translation>Una recepción bloqueante se rinde con EAGAIN pasado este tiempo (0: nunca). Los sockets propios de SockBench son no bloqueantes, así que solo se nota en las llamadas bloqueantes.</translation>
    </message>
    <message>
        <source>A blocking send gives up with EAGAIN after this long (0: never).</source>
        <translation>Un envío bloqueante se rinde con EAGAIN pasado este tiempo (0: nunca).</translation>
    </message>
    <message>
        <source>Urgent (MSG_OOB) bytes arrive in the normal data stream instead of apart.</source>
        <translation>Los bytes urgentes (MSG_OOB) llegan en el flujo normal de datos en lugar de aparte.</translation>
    </message>
    <message>
        <source>Each received datagram carries the count of datagrams the kernel dropped for lack of buffer space.</source>
        <translation>Cada datagrama recibido lleva la cuenta de los datagramas que el kernel descartó por falta de espacio en el búfer.</translation>
    </message>
    <message>
        <source>Turn off Nagle&apos;s algorithm: small writes go out at once instead of being coalesced.</source>
        <translation>Desactiva el algoritmo de Nagle: las escrituras pequeñas salen enseguida en lugar de agruparse.</translation>
    </message>
    <message>
        <source>Time to live of outgoing IPv4 packets (hops).</source>
        <translation>Tiempo de vida de los paquetes IPv4 salientes (saltos).</translation>
    </message>
    <message>
        <source>An IPv6 socket takes IPv6 only; off, it also takes IPv4 as ::ffff:a.b.c.d (set before bind).</source>
        <translation>Un socket IPv6 acepta solo IPv6; desactivado, acepta también IPv4 como ::ffff:a.b.c.d (se asigna antes de bind).</translation>
    </message>
    <message>
        <source>The socket type: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET.</source>
        <translation>El tipo de socket: SOCK_STREAM, SOCK_DGRAM o SOCK_SEQPACKET.</translation>
    </message>
    <message>
        <source>The pending error, as a non-blocking connect leaves it. Reading it clears it.</source>
        <translation>El error pendiente, tal como lo deja un connect no bloqueante. Leerlo lo borra.</translation>
    </message>
    <message>
        <source>Whether the socket is listening.</source>
        <translation>Si el socket está en escucha.</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>Operación no permitida</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>No existe el fichero o el directorio</translation>
    </message>
    <message>
        <source>Interrupted system call</source>
        <translation>Llamada al sistema interrumpida</translation>
    </message>
    <message>
        <source>Bad file descriptor</source>
        <translation>Descriptor de fichero incorrecto</translation>
    </message>
    <message>
        <source>Resource temporarily unavailable</source>
        <translation>Recurso no disponible temporalmente</translation>
    </message>
    <message>
        <source>Cannot allocate memory</source>
        <translation>No se puede asignar memoria</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Permiso denegado</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>No es un directorio</translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation>Argumento no válido</translation>
    </message>
    <message>
        <source>Too many open files in system</source>
        <translation>Demasiados ficheros abiertos en el sistema</translation>
    </message>
    <message>
        <source>Too many open files</source>
        <translation>Demasiados ficheros abiertos</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>Sistema de ficheros de solo lectura</translation>
    </message>
    <message>
        <source>Broken pipe</source>
        <translation>Tubería rota</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>Nombre de fichero demasiado largo</translation>
    </message>
    <message>
        <source>Socket operation on non-socket</source>
        <translation>Operación de socket sobre algo que no es un socket</translation>
    </message>
    <message>
        <source>Destination address required</source>
        <translation>Se necesita una dirección de destino</translation>
    </message>
    <message>
        <source>Message too long</source>
        <translation>Mensaje demasiado largo</translation>
    </message>
    <message>
        <source>Protocol wrong type for socket</source>
        <translation>Tipo de protocolo incorrecto para el socket</translation>
    </message>
    <message>
        <source>Protocol not available</source>
        <translation>Protocolo no disponible</translation>
    </message>
    <message>
        <source>Protocol not supported</source>
        <translation>Protocolo no admitido</translation>
    </message>
    <message>
        <source>Operation not supported</source>
        <translation>Operación no admitida</translation>
    </message>
    <message>
        <source>Address family not supported by protocol</source>
        <translation>Familia de direcciones no admitida por el protocolo</translation>
    </message>
    <message>
        <source>Address already in use</source>
        <translation>La dirección ya está en uso</translation>
    </message>
    <message>
        <source>Cannot assign requested address</source>
        <translation>No se puede asignar la dirección pedida</translation>
    </message>
    <message>
        <source>Network is down</source>
        <translation>La red no está activa</translation>
    </message>
    <message>
        <source>Network is unreachable</source>
        <translation>La red es inaccesible</translation>
    </message>
    <message>
        <source>Software caused connection abort</source>
        <translation>Conexión abortada por el software</translation>
    </message>
    <message>
        <source>Connection reset by peer</source>
        <translation>Conexión reiniciada por el otro extremo</translation>
    </message>
    <message>
        <source>No buffer space available</source>
        <translation>No queda espacio en el búfer</translation>
    </message>
    <message>
        <source>Transport endpoint is already connected</source>
        <translation>El extremo de transporte ya está conectado</translation>
    </message>
    <message>
        <source>Transport endpoint is not connected</source>
        <translation>El extremo de transporte no está conectado</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>Se agotó el tiempo de la conexión</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>Conexión rechazada</translation>
    </message>
    <message>
        <source>No route to host</source>
        <translation>No hay ruta hasta el host</translation>
    </message>
    <message>
        <source>Operation already in progress</source>
        <translation>La operación ya está en curso</translation>
    </message>
    <message>
        <source>Operation now in progress</source>
        <translation>Operación en curso</translation>
    </message>
</context>
<context>
    <name>sb::DemoController</name>
    <message>
        <source>&amp;Demos</source>
        <translation>&amp;Demostraciones</translation>
    </message>
    <message>
        <source>&amp;Close demo, back to the workbench</source>
        <translation>&amp;Cerrar la demostración y volver al banco de trabajo</translation>
    </message>
    <message>
        <source>%1 — demo</source>
        <translation>%1 — demostración</translation>
    </message>
    <message>
        <source>&amp;Open demo file…</source>
        <translation>&amp;Abrir fichero de demostración…</translation>
    </message>
    <message>
        <source>Play a demo file of your own (a copy of resources/demos/*.demo)</source>
        <translation>Reproducir un fichero de demostración propio (una copia de resources/demos/*.demo)</translation>
    </message>
    <message>
        <source>Open demo file</source>
        <translation>Abrir fichero de demostración</translation>
    </message>
    <message>
        <source>Demos (*.demo);;All files (*)</source>
        <translation>Demostraciones (*.demo);;Todos los ficheros (*)</translation>
    </message>
</context>
<context>
    <name>sb::DemoPlayerDock</name>
    <message>
        <source>Demo player</source>
        <translation>Reproductor de demostraciones</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Reproducir</translation>
    </message>
    <message>
        <source>P&amp;ause</source>
        <translation>P&amp;ausa</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>Rei&amp;niciar</translation>
    </message>
    <message>
        <source>The steps of the demo: ▶ the current one, ✓ passed, ✗ failed</source>
        <translation>Los pasos de la demostración: ▶ el actual, ✓ correcto, ✗ fallido</translation>
    </message>
    <message>
        <source>Run the next step: its calls on real sockets</source>
        <translation>Ejecutar el paso siguiente: sus llamadas sobre sockets reales</translation>
    </message>
    <message>
        <source>Run the remaining steps one after another, at the chosen pace</source>
        <translation>Ejecutar los pasos restantes uno tras otro, al ritmo elegido</translation>
    </message>
    <message>
        <source>Stop playing after the running step</source>
        <translation>Dejar de reproducir tras el paso en curso</translation>
    </message>
    <message>
        <source>Close every socket of the demo and go back to the first step</source>
        <translation>Cerrar todos los sockets de la demostración y volver al primer paso</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Pause between steps when playing, in seconds</source>
        <translation>Pausa entre pasos al reproducir, en segundos</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>Ritmo:</translation>
    </message>
    <message>
        <source>No demo open: choose one in the Demos menu.</source>
        <translation>No hay ninguna demostración abierta: elija una en el menú Demostraciones.</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Paso %1 de %2</translation>
    </message>
    <message>
        <source>End of the demo: every step did what it should.</source>
        <translation>Fin de la demostración: todos los pasos hicieron lo que debían.</translation>
    </message>
    <message>
        <source>End of the demo: some steps did not do what they should.</source>
        <translation>Fin de la demostración: algunos pasos no hicieron lo que debían.</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Siguiente: %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>paso %1</translation>
    </message>
</context>
<context>
    <name>sb::DemoStage</name>
    <message>
        <source>system calls, one per step</source>
        <translation>llamadas al sistema, una por paso</translation>
    </message>
    <message>
        <source>server</source>
        <translation>servidor</translation>
    </message>
    <message>
        <source>client</source>
        <translation>cliente</translation>
    </message>
    <message>
        <source>fault relay</source>
        <translation>relé de fallos</translation>
    </message>
    <message>
        <source>datagram socket</source>
        <translation>socket de datagramas</translation>
    </message>
</context>
<context>
    <name>sb::Display</name>
    <message>
        <source>socketpair (datagram)</source>
        <translation>socketpair (datagramas)</translation>
    </message>
    <message>
        <source>socketpair (seqpacket)</source>
        <translation>socketpair (seqpacket)</translation>
    </message>
    <message>
        <source>socketpair (stream)</source>
        <translation>socketpair (flujo)</translation>
    </message>
    <message>
        <source>UDP socket</source>
        <translation>Socket UDP</translation>
    </message>
    <message>
        <source>UNIX datagram socket</source>
        <translation>Socket UNIX de datagramas</translation>
    </message>
    <message>
        <source>TLS server</source>
        <translation>Servidor TLS</translation>
    </message>
    <message>
        <source>TLS client</source>
        <translation>Cliente TLS</translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation>Servidor TCP</translation>
    </message>
    <message>
        <source>UNIX seqpacket server</source>
        <translation>Servidor UNIX seqpacket</translation>
    </message>
    <message>
        <source>UNIX stream server</source>
        <translation>Servidor UNIX de flujo</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>Cliente TCP</translation>
    </message>
    <message>
        <source>UNIX seqpacket client</source>
        <translation>Cliente UNIX seqpacket</translation>
    </message>
    <message>
        <source>UNIX stream client</source>
        <translation>Cliente UNIX de flujo</translation>
    </message>
    <message>
        <source>log only</source>
        <translation>solo registrar</translation>
    </message>
    <message>
        <source>fixed reply</source>
        <translation>respuesta fija</translation>
    </message>
    <message>
        <source>reply rules</source>
        <translation>reglas de respuesta</translation>
    </message>
    <message>
        <source>UDP relay</source>
        <translation>Relé UDP</translation>
    </message>
    <message>
        <source>TCP relay</source>
        <translation>Relé TCP</translation>
    </message>
    <message>
        <source>UNIX stream relay</source>
        <translation>Relé UNIX de flujo</translation>
    </message>
</context>
<context>
    <name>sb::EndpointPanel</name>
    <message>
        <source>could not create the endpoint</source>
        <translation>no se pudo crear el extremo</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>Bind</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>socket, bind, listen</source>
        <translation>socket, bind, listen</translation>
    </message>
    <message>
        <source>socket, connect</source>
        <translation>socket, connect</translation>
    </message>
    <message>
        <source>socket, bind</source>
        <translation>socket, bind</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the listener and every client (close)</source>
        <translation>Cerrar el socket de escucha y todos los clientes (close)</translation>
    </message>
    <message>
        <source>Orderly close (close: FIN after queued data)</source>
        <translation>Cierre ordenado (close: FIN tras los datos en cola)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abortar</translation>
    </message>
    <message>
        <source>Abortive close: SO_LINGER {1, 0} then close, the peer gets a RST (ECONNRESET)</source>
        <translation>Cierre abortivo: SO_LINGER {1, 0} y después close; el otro extremo recibe un RST (ECONNRESET)</translation>
    </message>
    <message>
        <source>shutdown(SHUT_RD): stop reading</source>
        <translation>shutdown(SHUT_RD): dejar de leer</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): send FIN, the peer reads end of file</source>
        <translation>shutdown(SHUT_WR): enviar FIN; el otro extremo lee fin de fichero</translation>
    </message>
    <message>
        <source>shutdown(SHUT_RDWR): both directions</source>
        <translation>shutdown(SHUT_RDWR): ambos sentidos</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>Shutdown</translation>
    </message>
    <message>
        <source>shutdown(): close one direction of the connection</source>
        <translation>shutdown(): cierra un sentido de la conexión</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Syscalls</source>
        <translation>Llamadas al sistema</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>client #%1</source>
        <translation>cliente n.º %1</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>conexión</translation>
    </message>
    <message numerus="yes">
        <source>· %n client(s)</source>
        <translation>
            <numerusform>· %n cliente</numerusform>
            <numerusform>· %n clientes</numerusform>
        </translation>
    </message>
    <message>
        <source>we sent FIN</source>
        <translation>enviamos FIN</translation>
    </message>
    <message>
        <source>reading shut</source>
        <translation>lectura cerrada</translation>
    </message>
    <message>
        <source>peer sent FIN</source>
        <translation>el otro extremo envió FIN</translation>
    </message>
    <message>
        <source>(not bound)</source>
        <translation>(sin bind)</translation>
    </message>
    <message>
        <source>socketpair(AF_UNIX)</source>
        <translation>socketpair(AF_UNIX)</translation>
    </message>
    <message>
        <source>  kernel dropped %L1</source>
        <translation>  el kernel descartó %L1</translation>
    </message>
    <message>
        <source>listener</source>
        <translation>escucha</translation>
    </message>
    <message>
        <source>end %1</source>
        <translation>extremo %1</translation>
    </message>
    <message>
        <source>connection #%1</source>
        <translation>conexión n.º %1</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>socket</translation>
    </message>
    <message>
        <source>%1 (the last sender)</source>
        <translation>%1 (el último remitente)</translation>
    </message>
    <message>
        <source>e.g. unix-dgram:///tmp/peer.sock, or answer whoever writes first</source>
        <translation>p. ej. unix-dgram:///tmp/peer.sock, o responder a quien escriba primero</translation>
    </message>
    <message>
        <source>e.g. udp://127.0.0.1:9000, or answer whoever writes first</source>
        <translation>p. ej. udp://127.0.0.1:9000, o responder a quien escriba primero</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Resend %n messages</source>
        <translation>
            <numerusform>&amp;Reenviar %n mensaje</numerusform>
            <numerusform>&amp;Reenviar %n mensajes</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Resend</source>
        <translation>&amp;Reenviar</translation>
    </message>
    <message>
        <source>Send the same bytes again, to where they went</source>
        <translation>Enviar de nuevo los mismos bytes, al mismo destino</translation>
    </message>
    <message>
        <source>Re&amp;ply to this sender (%1)</source>
        <translation>Res&amp;ponder a este remitente (%1)</translation>
    </message>
    <message>
        <source>Re&amp;ply to this sender</source>
        <translation>Res&amp;ponder a este remitente</translation>
    </message>
    <message>
        <source>Re&amp;ply to this client</source>
        <translation>Res&amp;ponder a este cliente</translation>
    </message>
    <message>
        <source>F&amp;ollow this connection</source>
        <translation>&amp;Seguir esta conexión</translation>
    </message>
    <message>
        <source>Show in the &amp;log</source>
        <translation>Mostrar en el &amp;registro</translation>
    </message>
    <message>
        <source>peer %1</source>
        <translation>otro extremo %1</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verificado</translation>
    </message>
    <message>
        <source>NOT verified (%1), accepted anyway</source>
        <translation>NO verificado (%1), aceptado igualmente</translation>
    </message>
    <message>
        <source>certificate %1: %2</source>
        <translation>certificado %1: %2</translation>
    </message>
    <message>
        <source>socket, bind, listen; for each client, a socket connected to the target</source>
        <translation>socket, bind, listen; para cada cliente, un socket conectado al destino</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>SO_LINGER {1, 0} and close on both legs of the selected client (every client when none is selected): both peers get a RST</source>
        <translation>SO_LINGER {1, 0} y close en los dos tramos del cliente seleccionado (todos los clientes si no hay ninguno seleccionado): los dos extremos reciben un RST</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>Fallos</translation>
    </message>
    <message numerus="yes">
        <source>· %n client(s) relayed</source>
        <translation>
            <numerusform>· %n cliente reenviado</numerusform>
            <numerusform>· %n clientes reenviados</numerusform>
        </translation>
    </message>
    <message>
        <source>Sa&amp;ve this message</source>
        <translation>Guardar este &amp;mensaje</translation>
    </message>
    <message>
        <source>Keep these bytes in Saved messages, to send again</source>
        <translation>Guarda estos bytes en Mensajes guardados, para enviarlos otra vez</translation>
    </message>
</context>
<context>
    <name>sb::FaultsView</name>
    <message>
        <source>&lt;b&gt;Up&lt;/b&gt; (client → target)</source>
        <translation>&lt;b&gt;Subida&lt;/b&gt; (cliente → destino)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Down&lt;/b&gt; (target → client)</source>
        <translation>&lt;b&gt;Bajada&lt;/b&gt; (destino → cliente)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Chop into pieces of</source>
        <translation>Trocear en piezas de</translation>
    </message>
    <message>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <source>Each piece of at most this many bytes is its own send(), a gap apart, so the peer&apos;s recv() gets pieces: recv is not a message. 0: off</source>
        <translation>Cada pieza de como mucho estos bytes es un send() propio, con una pausa entre ellas, así que el recv() del otro extremo recibe trozos: recv no es un mensaje. 0: desactivado</translation>
    </message>
    <message>
        <source>Gap between pieces</source>
        <translation>Pausa entre piezas</translation>
    </message>
    <message>
        <source>How long the relay waits between two pieces of a chop</source>
        <translation>Cuánto espera el relé entre dos piezas de un troceo</translation>
    </message>
    <message>
        <source>Coalesce up to</source>
        <translation>Agrupar hasta</translation>
    </message>
    <message>
        <source>Gathers until this many bytes (or 100 ms after the first) and sends them in one send(): several sends arrive as one recv. 0: off</source>
        <translation>Acumula hasta estos bytes (o 100 ms después del primero) y los envía en un solo send(): varios envíos llegan como un solo recv. 0: desactivado</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>The chance that a datagram is read and not forwarded</source>
        <translation>La probabilidad de que un datagrama se lea y no se reenvíe</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>The chance that a datagram is forwarded twice</source>
        <translation>La probabilidad de que un datagrama se reenvíe dos veces</translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation>Reordenar</translation>
    </message>
    <message>
        <source>The chance that a datagram is held back and forwarded after the next one</source>
        <translation>La probabilidad de que un datagrama se retenga y se reenvíe después del siguiente</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Retardo</translation>
    </message>
    <message>
        <source>Everything leaves this long after it arrived</source>
        <translation>Todo sale este tiempo después de llegar</translation>
    </message>
    <message>
        <source>Throttle to</source>
        <translation>Limitar a</translation>
    </message>
    <message>
        <source> kB/s</source>
        <translation> kB/s</translation>
    </message>
    <message>
        <source>At most this many thousand bytes per second. 0: off</source>
        <translation>Como mucho estos miles de bytes por segundo. 0: desactivado</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop forwarding and stop reading: the sender&apos;s buffers fill and its sends block</source>
        <translation>Deja de reenviar y de leer: los búferes del emisor se llenan y sus envíos se bloquean</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Send what is held, then shutdown(SHUT_WR) the destination: the peer reads end of file</source>
        <translation>Envía lo retenido y luego shutdown(SHUT_WR) en el destino: el otro extremo lee fin de fichero</translation>
    </message>
    <message>
        <source>Reset after</source>
        <translation>Reiniciar tras</translation>
    </message>
    <message>
        <source>Once this many bytes went on, both legs close with SO_LINGER {1, 0}: both peers get a RST. 0: off</source>
        <translation>Cuando hayan pasado estos bytes, los dos tramos se cierran con SO_LINGER {1, 0}: los dos extremos reciben un RST. 0: desactivado</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Semilla aleatoria</translation>
    </message>
    <message>
        <source>The same seed makes the same choices: a run can be repeated</source>
        <translation>La misma semilla hace las mismas elecciones: una ejecución se puede repetir</translation>
    </message>
    <message>
        <source>Reset every connection now</source>
        <translation>Reiniciar todas las conexiones ahora</translation>
    </message>
    <message>
        <source>SO_LINGER {1, 0} and close on both legs of every client: both peers see ECONNRESET</source>
        <translation>SO_LINGER {1, 0} y close en los dos tramos de cada cliente: los dos extremos ven ECONNRESET</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
</context>
<context>
    <name>sb::Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language takes effect when SockBench is started again.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie SockBench.</translation>
    </message>
    <message>
        <source>(takes effect on restart)</source>
        <translation>(se aplica al reiniciar)</translation>
    </message>
</context>
<context>
    <name>sb::LogModel</name>
    <message>
        <source>Binary payload, shown as hex bytes. Select the row for the hex+ASCII dump.</source>
        <translation>Datos binarios, mostrados como bytes en hexadecimal. Seleccione la fila para ver el volcado hexadecimal y ASCII.</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <source>received</source>
        <translation>recibido</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Otro extremo</translation>
    </message>
    <message>
        <source>Len</source>
        <translation>Long.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>bound to %1</source>
        <translation>asociado a %1</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>asociado</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>conectando con %1</translation>
    </message>
    <message>
        <source>connection open: %1 ↔ %2</source>
        <translation>conexión abierta: %1 ↔ %2</translation>
    </message>
    <message>
        <source>peer shut down its sending side (EOF)</source>
        <translation>el otro extremo cerró su lado de envío (EOF)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>%1 matched %2 bytes (counter %3, server_counter %4)</source>
        <translation>%1 coincidió con %2 bytes (counter %3, server_counter %4)</translation>
    </message>
    <message>
        <source>TLS established: %1</source>
        <translation>TLS establecido: %1</translation>
    </message>
    <message>
        <source>certificate NOT verified, accepted anyway: %1</source>
        <translation>certificado NO verificado, aceptado igualmente: %1</translation>
    </message>
    <message>
        <source>relay fault: dropped this datagram (%1 bytes)</source>
        <translation>fallo del relé: descartó este datagrama (%1 bytes)</translation>
    </message>
    <message>
        <source>relay fault: sent this datagram twice (%1 bytes)</source>
        <translation>fallo del relé: envió este datagrama dos veces (%1 bytes)</translation>
    </message>
    <message>
        <source>relay fault: held this datagram back to send it after the next (%1 bytes)</source>
        <translation>fallo del relé: retuvo este datagrama para enviarlo después del siguiente (%1 bytes)</translation>
    </message>
</context>
<context>
    <name>sb::LogView</name>
    <message>
        <source>Filter data (text), or peer:ADDRESS…</source>
        <translation>Filtrar datos (texto), o peer:DIRECCIÓN…</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <source>Keep the newest entry in view. Scrolling up stops it.</source>
        <translation>Mantener a la vista la entrada más reciente. Al desplazarse hacia arriba se detiene.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Clear the log (counters are kept)</source>
        <translation>Borrar el registro (los contadores se mantienen)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the log as text or CSV</source>
        <translation>Guardar el registro como texto o CSV</translation>
    </message>
    <message>
        <source>The log keeps the newest %1 entries; counters stay exact.</source>
        <translation>El registro guarda las %1 entradas más recientes; los contadores siguen exactos.</translation>
    </message>
    <message>
        <source>%L1 entries dropped from view</source>
        <translation>%L1 entradas fuera de la vista</translation>
    </message>
    <message>
        <source>Export log</source>
        <translation>Exportar registro</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Text (*.txt *.log)</source>
        <translation>CSV (*.csv);;Texto (*.txt *.log)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Copy %n rows</source>
        <translation>
            <numerusform>&amp;Copiar %n fila</numerusform>
            <numerusform>&amp;Copiar %n filas</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>&amp;Copiar fila</translation>
    </message>
    <message>
        <source>&amp;Filter by this peer</source>
        <translation>&amp;Filtrar por este par</translation>
    </message>
    <message>
        <source>&amp;Filter by this peer (%1)</source>
        <translation>&amp;Filtrar por este par (%1)</translation>
    </message>
    <message>
        <source>Show &amp;all rows</source>
        <translation>Mostrar &amp;todas las filas</translation>
    </message>
</context>
<context>
    <name>sb::MainWindow</name>
    <message>
        <source>SockBench</source>
        <translation>SockBench</translation>
    </message>
    <message>
        <source>&amp;New socket…</source>
        <translation>&amp;Nuevo socket…</translation>
    </message>
    <message>
        <source>Open a socket panel: TCP, UDP, UNIX, socketpair (Ctrl+N)</source>
        <translation>Abrir un panel de socket: TCP, UDP, UNIX, socketpair (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Close panel</source>
        <translation>&amp;Cerrar panel</translation>
    </message>
    <message>
        <source>&amp;Export log…</source>
        <translation>E&amp;xportar registro…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Listen / Connect / Bind</source>
        <translation>&amp;Listen / Connect / Bind</translation>
    </message>
    <message>
        <source>&amp;Close sockets</source>
        <translation>C&amp;errar sockets</translation>
    </message>
    <message>
        <source>Shutdown &amp;RD</source>
        <translation>Shutdown &amp;RD</translation>
    </message>
    <message>
        <source>Shutdown &amp;WR (send FIN)</source>
        <translation>Shutdown &amp;WR (envía FIN)</translation>
    </message>
    <message>
        <source>Shutdown RD&amp;WR</source>
        <translation>Shutdown RD&amp;WR</translation>
    </message>
    <message>
        <source>&amp;Abort (RST)</source>
        <translation>&amp;Abortar (RST)</translation>
    </message>
    <message>
        <source>Read &amp;options</source>
        <translation>Leer &amp;opciones</translation>
    </message>
    <message>
        <source>C&amp;lear log</source>
        <translation>&amp;Borrar registro</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Listen, connect or bind the current panel&apos;s socket (Ctrl+Enter)</source>
        <translation>Hacer listen, connect o bind con el socket del panel actual (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the current panel&apos;s sockets</source>
        <translation>Cerrar los sockets del panel actual</translation>
    </message>
    <message>
        <source>Shutdown WR</source>
        <translation>Shutdown WR</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): send FIN, keep reading (Ctrl+D)</source>
        <translation>shutdown(SHUT_WR): enviar FIN y seguir leyendo (Ctrl+D)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abortar</translation>
    </message>
    <message>
        <source>SO_LINGER {1, 0} + close: the peer gets a RST</source>
        <translation>SO_LINGER {1, 0} + close: el otro extremo recibe un RST</translation>
    </message>
    <message>
        <source>&amp;Tile panels</source>
        <translation>&amp;Organizar paneles en mosaico</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Socket</source>
        <translation>&amp;Socket</translation>
    </message>
    <message>
        <source>New from &amp;preset</source>
        <translation>Nuevo a partir de &amp;plantilla</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Endpoint syntax</source>
        <translation>Sintaxis de los &amp;extremos</translation>
    </message>
    <message>
        <source>Endpoint syntax</source>
        <translation>Sintaxis de los extremos</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;tcp://127.0.0.1:7000&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;TCP over IPv4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;tcp://[::1]:7000&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;TCP over IPv6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;udp://127.0.0.1:0&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;UDP, port chosen by the kernel&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix:///tmp/s.sock&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;UNIX stream socket (a path)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix://@name&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;Linux abstract namespace&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix-dgram:///tmp/d.sock&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;UNIX datagram socket&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix-seqpacket:///tmp/q.sock&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;UNIX seqpacket socket&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;The same syntax works in &lt;tt&gt;sockbench-cli&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;tcp://127.0.0.1:7000&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;TCP sobre IPv4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;tcp://[::1]:7000&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;TCP sobre IPv6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;udp://127.0.0.1:0&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;UDP, puerto elegido por el kernel&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix:///tmp/s.sock&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;socket UNIX de flujo (una ruta)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix://@name&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;espacio de nombres abstracto de Linux&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix-dgram:///tmp/d.sock&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;socket UNIX de datagramas&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;unix-seqpacket:///tmp/q.sock&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;socket UNIX seqpacket&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;La misma sintaxis sirve en &lt;tt&gt;sockbench-cli&lt;/tt&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;About SockBench</source>
        <translation>&amp;Acerca de SockBench</translation>
    </message>
    <message>
        <source>About SockBench</source>
        <translation>Acerca de SockBench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SockBench %1&lt;/h3&gt;&lt;p&gt;A socket workbench for Linux: open TCP, UDP and UNIX sockets, watch every system call and the bytes on the wire.&lt;/p&gt;&lt;p&gt;Headless twin: &lt;tt&gt;sockbench-cli&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SockBench %1&lt;/h3&gt;&lt;p&gt;Un banco de trabajo de sockets para Linux: abra sockets TCP, UDP y UNIX y observe cada llamada al sistema y los bytes que circulan.&lt;/p&gt;&lt;p&gt;Versión sin interfaz gráfica: &lt;tt&gt;sockbench-cli&lt;/tt&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Open a %1 panel with default settings</source>
        <translation>Abrir un panel %1 con la configuración predeterminada</translation>
    </message>
    <message>
        <source>Panel %1</source>
        <translation>Panel %1</translation>
    </message>
    <message>
        <source>%1 (%2) is the current panel</source>
        <translation>%1 (%2) es el panel actual</translation>
    </message>
    <message numerus="yes">
        <source>%n panel(s), </source>
        <translation>
            <numerusform>%n panel, </numerusform>
            <numerusform>%n paneles, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n socket(s)</source>
        <translation>
            <numerusform>%n socket</numerusform>
            <numerusform>%n sockets</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 events/s</source>
        <translation>%L1 eventos/s</translation>
    </message>
    <message>
        <source>, %L1 log entries dropped (exact counters kept)</source>
        <translation>, %L1 entradas del registro descartadas (los contadores siguen exactos)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Address tools</source>
        <translation>Herramientas de direcciones</translation>
    </message>
    <message>
        <source>Netstat</source>
        <translation>Netstat</translation>
    </message>
    <message>
        <source>Cannot open a client for %1</source>
        <translation>No se puede abrir un cliente para %1</translation>
    </message>
    <message>
        <source>hello, server</source>
        <translation>hola, servidor</translation>
    </message>
    <message>
        <source>&amp;Run program…</source>
        <translation>&amp;Ejecutar programa…</translation>
    </message>
    <message>
        <source>Run a program of your own and show its socket calls</source>
        <translation>Ejecuta un programa propio y muestra sus llamadas de sockets</translation>
    </message>
    <message>
        <source>&amp;Attach to process…</source>
        <translation>Ad&amp;juntarse a un proceso…</translation>
    </message>
    <message>
        <source>Show the socket calls of a running process, by its pid</source>
        <translation>Muestra las llamadas de sockets de un proceso en marcha, por su pid</translation>
    </message>
    <message>
        <source>Run program</source>
        <translation>Ejecutar programa</translation>
    </message>
    <message>
        <source>Command line (the program runs under the tracer; its socket calls are shown):</source>
        <translation>Línea de órdenes (el programa se ejecuta bajo el trazador; se muestran sus llamadas de sockets):</translation>
    </message>
    <message>
        <source>Attach to process</source>
        <translation>Adjuntarse a un proceso</translation>
    </message>
    <message>
        <source>Process id (its socket calls are shown until you stop; it runs on afterwards):</source>
        <translation>Id. de proceso (se muestran sus llamadas de sockets hasta que pares; después sigue ejecutándose):</translation>
    </message>
    <message>
        <source>No course program is called %1.</source>
        <translation>Ningún programa del curso se llama %1.</translation>
    </message>
    <message>
        <source>The course programs are not built: run cmake --build (they are in build/examples) or set SOCKBENCH_EXAMPLES_DIR.</source>
        <translation>Los programas del curso no están compilados: ejecute cmake --build (quedan en build/examples) o defina SOCKBENCH_EXAMPLES_DIR.</translation>
    </message>
    <message>
        <source>hello, C server</source>
        <translation>hola, servidor en C</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Abrir espacio de trabajo…</translation>
    </message>
    <message>
        <source>&amp;Save workspace</source>
        <translation>&amp;Guardar espacio de trabajo</translation>
    </message>
    <message>
        <source>Save workspace &amp;as…</source>
        <translation>Guardar espacio de trabajo &amp;como…</translation>
    </message>
    <message>
        <source>Recent &amp;workspaces</source>
        <translation>Espacios de trabajo &amp;recientes</translation>
    </message>
    <message>
        <source>message %1</source>
        <translation>mensaje %1</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>Mensajes guardados</translation>
    </message>
    <message>
        <source>%1: target: %2</source>
        <translation>%1: destino: %2</translation>
    </message>
    <message>
        <source>No panel to send %1 from: open one first</source>
        <translation>No hay ningún panel desde el que enviar %1: abra uno primero</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Abrir espacio de trabajo</translation>
    </message>
    <message>
        <source>SockBench workspaces (*.sbw *.sbs *.demo);;All files (*)</source>
        <translation>Espacios de trabajo de SockBench (*.sbw *.sbs *.demo);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <source>Opened what could be read; these lines could not be:</source>
        <translation>Se abrió lo que se pudo leer; estas líneas no se pudieron:</translation>
    </message>
    <message>
        <source>The workspace could not be opened:</source>
        <translation>No se pudo abrir el espacio de trabajo:</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>Guardar espacio de trabajo</translation>
    </message>
    <message>
        <source>workspace.sbw</source>
        <translation>espacio.sbw</translation>
    </message>
    <message>
        <source>SockBench workspaces (*.sbw);;All files (*)</source>
        <translation>Espacios de trabajo de SockBench (*.sbw);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
</context>
<context>
    <name>sb::MessagesDock</name>
    <message>
        <source>Saved messages</source>
        <translation>Mensajes guardados</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <source>Double-click a message to send it from the current panel</source>
        <translation>Doble clic en un mensaje para enviarlo desde el panel actual</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Send the selected message from the current panel</source>
        <translation>Envía el mensaje seleccionado desde el panel actual</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Packet Sender&apos;s saved packets: its packets.ini or its JSON export</source>
        <translation>Los paquetes guardados de Packet Sender: su packets.ini o su exportación JSON</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Import Packet Sender&apos;s packets</source>
        <translation>Importar los paquetes de Packet Sender</translation>
    </message>
    <message>
        <source>Packet Sender (packets.ini *.json);;All files (*)</source>
        <translation>Packet Sender (packets.ini *.json);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>sb::NewSocketDialog</name>
    <message>
        <source>TCP server</source>
        <translation>Servidor TCP</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>Cliente TCP</translation>
    </message>
    <message>
        <source>UDP socket</source>
        <translation>Socket UDP</translation>
    </message>
    <message>
        <source>UNIX stream server</source>
        <translation>Servidor UNIX de flujo</translation>
    </message>
    <message>
        <source>UNIX stream client</source>
        <translation>Cliente UNIX de flujo</translation>
    </message>
    <message>
        <source>UNIX datagram socket</source>
        <translation>Socket UNIX de datagramas</translation>
    </message>
    <message>
        <source>UNIX seqpacket server</source>
        <translation>Servidor UNIX seqpacket</translation>
    </message>
    <message>
        <source>UNIX seqpacket client</source>
        <translation>Cliente UNIX seqpacket</translation>
    </message>
    <message>
        <source>socketpair</source>
        <translation>socketpair</translation>
    </message>
    <message>
        <source>New socket</source>
        <translation>Nuevo socket</translation>
    </message>
    <message>
        <source>Client (connect)</source>
        <translation>Cliente (connect)</translation>
    </message>
    <message>
        <source>Server (listen, accept)</source>
        <translation>Servidor (listen, accept)</translation>
    </message>
    <message>
        <source>Datagram (sendto, recvfrom)</source>
        <translation>Datagramas (sendto, recvfrom)</translation>
    </message>
    <message>
        <source>Any (getaddrinfo order)</source>
        <translation>Cualquiera (orden de getaddrinfo)</translation>
    </message>
    <message>
        <source>IPv4 only</source>
        <translation>Solo IPv4</translation>
    </message>
    <message>
        <source>IPv6 only</source>
        <translation>Solo IPv6</translation>
    </message>
    <message>
        <source>optional: bind() here before connect, e.g. tcp://127.0.0.1:0</source>
        <translation>opcional: bind() aquí antes de connect, p. ej. tcp://127.0.0.1:0</translation>
    </message>
    <message>
        <source>bind() to the endpoint (else the kernel binds on first send)</source>
        <translation>bind() al extremo (si no, el kernel hace el bind en el primer envío)</translation>
    </message>
    <message>
        <source>optional: default destination, e.g. udp://127.0.0.1:9000</source>
        <translation>opcional: destino por defecto, p. ej. udp://127.0.0.1:9000</translation>
    </message>
    <message>
        <source>connect() to it (receive only from it, send())</source>
        <translation>connect() a él (recibir solo de él, send())</translation>
    </message>
    <message>
        <source>Event-driven (one epoll loop, all clients)</source>
        <translation>Dirigido por eventos (un bucle epoll para todos los clientes)</translation>
    </message>
    <message>
        <source>Concurrent (a thread per client, like fork)</source>
        <translation>Concurrente (un hilo por cliente, como fork)</translation>
    </message>
    <message>
        <source>Iterative (one client at a time)</source>
        <translation>Iterativo (un cliente cada vez)</translation>
    </message>
    <message>
        <source>listen(fd, backlog): connections the kernel queues before accept</source>
        <translation>listen(fd, backlog): conexiones que el kernel pone en cola antes de accept</translation>
    </message>
    <message>
        <source>reply text, with escapes (\r\n)</source>
        <translation>texto de respuesta, con secuencias de escape (\r\n)</translation>
    </message>
    <message>
        <source>setsockopt before bind/connect, one NAME=VALUE per line</source>
        <translation>setsockopt antes de bind/connect, un NOMBRE=VALOR por línea</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Close our side when the peer closes its side (like nc)</source>
        <translation>Cerrar nuestro lado cuando el otro extremo cierra el suyo (como nc)</translation>
    </message>
    <message>
        <source>Off: the connection stays half-open (CLOSE_WAIT) so you can still answer, and see the state in Connections</source>
        <translation>Desactivado: la conexión queda medio abierta (CLOSE_WAIT), así que aún puede responder y ver el estado en Conexiones</translation>
    </message>
    <message>
        <source>Trace system calls</source>
        <translation>Trazar las llamadas al sistema</translation>
    </message>
    <message>
        <source>Start at once (listen / connect / bind)</source>
        <translation>Empezar enseguida (listen / connect / bind)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Extremo:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>Familia:</translation>
    </message>
    <message>
        <source>Local bind:</source>
        <translation>Bind local:</translation>
    </message>
    <message>
        <source>Remote:</source>
        <translation>Remoto:</translation>
    </message>
    <message>
        <source>Server model:</source>
        <translation>Modelo de servidor:</translation>
    </message>
    <message>
        <source>Backlog:</source>
        <translation>Backlog:</translation>
    </message>
    <message>
        <source>Responder:</source>
        <translation>Respuesta automática:</translation>
    </message>
    <message>
        <source>Fixed reply:</source>
        <translation>Respuesta fija:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Opciones:</translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation>Tiempo límite de connect:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>%1 has no connections: choose the Datagram role</source>
        <translation>%1 no tiene conexiones: elija el papel Datagramas</translation>
    </message>
    <message>
        <source>%1 is connection-oriented: choose Client or Server</source>
        <translation>%1 es orientado a conexión: elija Cliente o Servidor</translation>
    </message>
    <message>
        <source>a client needs the server&apos;s port (0 is only for binding)</source>
        <translation>un cliente necesita el puerto del servidor (0 solo sirve para bind)</translation>
    </message>
    <message>
        <source>Endpoint: %1</source>
        <translation>Extremo: %1</translation>
    </message>
    <message>
        <source>Local bind</source>
        <translation>Bind local</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Remoto</translation>
    </message>
    <message>
        <source>Remote: connect() needs a remote endpoint</source>
        <translation>Remoto: connect() necesita un extremo remoto</translation>
    </message>
    <message>
        <source>tcp://HOST:PORT, udp://HOST:PORT, tls://HOST:PORT, unix:///path, unix://@abstract, unix-dgram:///path, unix-seqpacket:///path; [::1] for IPv6; port 0 lets the kernel choose</source>
        <translation>tcp://HOST:PUERTO, udp://HOST:PUERTO, tls://HOST:PUERTO, unix:///ruta, unix://@abstracto, unix-dgram:///ruta, unix-seqpacket:///ruta; [::1] para IPv6; con el puerto 0 elige el kernel</translation>
    </message>
    <message>
        <source>TCP fault relay</source>
        <translation>Relé de fallos TCP</translation>
    </message>
    <message>
        <source>UDP fault relay</source>
        <translation>Relé de fallos UDP</translation>
    </message>
    <message>
        <source>Fault relay (listen, forward to a target)</source>
        <translation>Relé de fallos (escucha y reenvía a un destino)</translation>
    </message>
    <message>
        <source>where each client is forwarded, e.g. tcp://127.0.0.1:8080</source>
        <translation>adónde se reenvía cada cliente, p. ej. tcp://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>The relay listens on the endpoint and, for each client, opens a connection (UDP: a socket) to this target; faults are set in the panel&apos;s Faults tab</source>
        <translation>El relé escucha en el extremo y, para cada cliente, abre una conexión (UDP: un socket) hacia este destino; los fallos se eligen en la pestaña Fallos del panel</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <source>a relay forwards tcp://, unix:// or udp://</source>
        <translation>un relé reenvía tcp://, unix:// o udp://</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>Destino: %1</translation>
    </message>
    <message>
        <source>Target: a relay forwards a stream to a stream (tcp://, unix://) or udp:// to udp://</source>
        <translation>Destino: un relé reenvía un flujo a un flujo (tcp://, unix://) o udp:// a udp://</translation>
    </message>
    <message>
        <source>Target: the port the relay forwards to (0 is only for binding)</source>
        <translation>Destino: el puerto al que reenvía el relé (0 solo sirve para bind)</translation>
    </message>
    <message>
        <source>a relay forwards the bytes as they come and does not speak TLS: give tcp:// (a TLS session passes through it unchanged)</source>
        <translation>un relé reenvía los bytes tal como llegan y no habla TLS: indique tcp:// (una sesión TLS lo atraviesa sin cambios)</translation>
    </message>
    <message>
        <source>Target: a relay does not speak TLS: give tcp:// (a TLS session passes through it unchanged)</source>
        <translation>Destino: un relé no habla TLS: indique tcp:// (una sesión TLS lo atraviesa sin cambios)</translation>
    </message>
    <message>
        <source>Reply rules:</source>
        <translation>Reglas de respuesta:</translation>
    </message>
    <message>
        <source>Reply rules: %1</source>
        <translation>Reglas de respuesta: %1</translation>
    </message>
</context>
<context>
    <name>sb::OptionsView</name>
    <message>
        <source>A multicast group, and after % the interface to join it on (a name, or an IPv4 address of it)</source>
        <translation>Un grupo de multidifusión y, tras %, la interfaz en la que unirse (un nombre, o una dirección IPv4 suya)</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Unirse</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>setsockopt IP_ADD_MEMBERSHIP (IPv6: IPV6_JOIN_GROUP)</source>
        <translation>setsockopt IP_ADD_MEMBERSHIP (en IPv6: IPV6_JOIN_GROUP)</translation>
    </message>
    <message>
        <source>setsockopt IP_DROP_MEMBERSHIP (IPv6: IPV6_LEAVE_GROUP)</source>
        <translation>setsockopt IP_DROP_MEMBERSHIP (en IPv6: IPV6_LEAVE_GROUP)</translation>
    </message>
    <message>
        <source>Broadcast (SO_BROADCAST)</source>
        <translation>Difusión (SO_BROADCAST)</translation>
    </message>
    <message>
        <source>Multicast group:</source>
        <translation>Grupo de multidifusión:</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Opción</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>getsockopt every option of this socket</source>
        <translation>getsockopt de todas las opciones de este socket</translation>
    </message>
    <message>
        <source>Values are read with getsockopt. Double-click a value to set it with setsockopt; the value shown is always the one read back.</source>
        <translation>Los valores se leen con getsockopt. Doble clic en un valor para asignarlo con setsockopt; el valor mostrado es siempre el que se vuelve a leer.</translation>
    </message>
    <message>
        <source>Socket:</source>
        <translation>Socket:</translation>
    </message>
    <message>
        <source>Double-click to set</source>
        <translation>Doble clic para asignarlo</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>solo lectura</translation>
    </message>
    <message>
        <source>read back</source>
        <translation>leído</translation>
    </message>
    <message>
        <source>set</source>
        <translation>asignado</translation>
    </message>
    <message>
        <source>setting…</source>
        <translation>asignando…</translation>
    </message>
</context>
<context>
    <name>sb::PanelArea</name>
    <message>
        <source>&lt;h3&gt;No sockets open&lt;/h3&gt;&lt;p&gt;Open one with &lt;b&gt;Socket › New socket…&lt;/b&gt; (Ctrl+N) or a preset of the toolbar: a TCP server and a TCP client side by side is the usual start.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;No hay sockets abiertos&lt;/h3&gt;&lt;p&gt;Abra uno con &lt;b&gt;Socket › Nuevo socket…&lt;/b&gt; (Ctrl+N) o con una plantilla de la barra de herramientas: lo habitual es empezar con un servidor TCP y un cliente TCP uno al lado del otro.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Panel &amp;layout</source>
        <translation>&amp;Disposición de los paneles</translation>
    </message>
    <message>
        <source>&amp;Tiles (double-click a panel&apos;s header to maximise it)</source>
        <translation>&amp;Mosaico (doble clic en la cabecera de un panel para maximizarlo)</translation>
    </message>
    <message>
        <source>T&amp;abs (one panel at a time)</source>
        <translation>&amp;Pestañas (un panel cada vez)</translation>
    </message>
</context>
<context>
    <name>sb::PanelHeader</name>
    <message>
        <source>Close this panel and its sockets (Ctrl+W)</source>
        <translation>Cerrar este panel y sus sockets (Ctrl+W)</translation>
    </message>
    <message>
        <source>Bytes (messages) received ↓ and sent ↑, exact; rate over the last second</source>
        <translation>Bytes (mensajes) recibidos ↓ y enviados ↑, exactos; tasa del último segundo</translation>
    </message>
</context>
<context>
    <name>sb::ProgramTracePanel</name>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Kill a program started here; let an attached process go on alone</source>
        <translation>Mata un programa lanzado aquí; deja seguir solo a un proceso adjuntado</translation>
    </message>
    <message>
        <source>No program to run.</source>
        <translation>Ningún programa que ejecutar.</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (pid %2)</translation>
    </message>
    <message>
        <source>Running %1 (pid %2) under the tracer</source>
        <translation>Ejecutando %1 (pid %2) bajo el trazador</translation>
    </message>
    <message>
        <source>Attached to %1 (pid %2)</source>
        <translation>Adjuntado a %1 (pid %2)</translation>
    </message>
    <message>
        <source>child %1</source>
        <translation>hijo %1</translation>
    </message>
    <message>
        <source>%1 exited with status %2</source>
        <translation>%1 terminó con estado %2</translation>
    </message>
    <message>
        <source>%1 was killed by %2</source>
        <translation>%1 murió por %2</translation>
    </message>
    <message>
        <source>; its last calls:</source>
        <translation>; sus últimas llamadas:</translation>
    </message>
    <message>
        <source>%1 received %2</source>
        <translation>%1 recibió %2</translation>
    </message>
    <message>
        <source>Detached from %1: it runs on, untraced</source>
        <translation>Separado de %1: sigue ejecutándose, sin trazar</translation>
    </message>
    <message>
        <source>Syscalls</source>
        <translation>Llamadas al sistema</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Proceso</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Socket calls</source>
        <translation>Llamadas de socket</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Procesos</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en ejecución</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>hilo %1</translation>
    </message>
    <message>
        <source>exited (%1)</source>
        <translation>terminó (%1)</translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation>muerto por %1</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>separado</translation>
    </message>
</context>
<context>
    <name>sb::RulesEditor</name>
    <message>
        <source>&amp;Load rules file…</source>
        <translation>&amp;Cargar fichero de reglas…</translation>
    </message>
    <message>
        <source>framing: first, then rule: / match: / do: lines; see docs/rules.md</source>
        <translation>primero framing:, después líneas rule: / match: / do:; véase docs/rules.md</translation>
    </message>
    <message>
        <source>no rule yet: add rule:, match: and do: lines</source>
        <translation>aún no hay ninguna regla: añade líneas rule:, match: y do:</translation>
    </message>
    <message>
        <source>line framing</source>
        <translation>mensajes por líneas</translation>
    </message>
    <message>
        <source>%1-byte length framing</source>
        <translation>mensajes con longitud de %1 bytes delante</translation>
    </message>
    <message>
        <source>messages of %1 bytes</source>
        <translation>mensajes de %1 bytes</translation>
    </message>
    <message>
        <source>each read is a message</source>
        <translation>cada lectura es un mensaje</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s), %1; the first that matches answers</source>
        <translation>
            <numerusform>%n regla, %1; responde la primera que coincide</numerusform>
            <numerusform>%n reglas, %1; responde la primera que coincide</numerusform>
        </translation>
    </message>
    <message>
        <source>Load reply rules</source>
        <translation>Cargar reglas de respuesta</translation>
    </message>
    <message>
        <source>Rules (*.rules);;All files (*)</source>
        <translation>Reglas (*.rules);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>larger than 1 MiB</source>
        <translation>mayor de 1 MiB</translation>
    </message>
</context>
<context>
    <name>sb::ScenarioRecording</name>
    <message>
        <source>Recor&amp;d scenario</source>
        <translation>Gra&amp;bar escenario</translation>
    </message>
    <message>
        <source>Record what you do with the panels, and what comes back, as a scenario that sockbench-cli run plays again</source>
        <translation>Graba lo que haces con los paneles, y lo que vuelve, como un escenario que sockbench-cli run reproduce de nuevo</translation>
    </message>
    <message>
        <source>Stop recording and sa&amp;ve as…</source>
        <translation>Detener la grabación y guar&amp;dar como…</translation>
    </message>
    <message>
        <source>● Recording</source>
        <translation>● Grabando</translation>
    </message>
    <message>
        <source>Recording a scenario: File &gt; Stop recording and save as…</source>
        <translation>Grabando un escenario: Archivo &gt; Detener la grabación y guardar como…</translation>
    </message>
    <message>
        <source>Nothing is being recorded</source>
        <translation>No se está grabando nada</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>Guardar escenario</translation>
    </message>
    <message>
        <source>scenario.sbs</source>
        <translation>escenario.sbs</translation>
    </message>
    <message>
        <source>SockBench scenarios (*.sbs);;All files (*)</source>
        <translation>Escenarios de SockBench (*.sbs);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <source>Saved %1: play it with sockbench-cli run, or File &gt; Open workspace</source>
        <translation>Guardado %1: reprodúcelo con sockbench-cli run, o con Archivo &gt; Abrir espacio de trabajo</translation>
    </message>
    <message>
        <source>Record scenario</source>
        <translation>Grabar escenario</translation>
    </message>
    <message numerus="yes">
        <source>Stop recording and drop the %n recorded step(s)?</source>
        <translation>
            <numerusform>¿Detener la grabación y descartar el %n paso grabado?</numerusform>
            <numerusform>¿Detener la grabación y descartar los %n pasos grabados?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::SendComposer</name>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichero</translation>
    </message>
    <message>
        <source>Text with C escapes (\n \r \t \0 \\ \xNN), hex bytes, or a file</source>
        <translation>Texto con secuencias de escape de C (\n \r \t \0 \\ \xNN), bytes en hexadecimal o un fichero</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <source>no EOL</source>
        <translation>sin fin de línea</translation>
    </message>
    <message>
        <source>Line ending appended to text: none, LF (\n) or CRLF (\r\n)</source>
        <translation>Fin de línea añadido al texto: ninguno, LF (\n) o CRLF (\r\n)</translation>
    </message>
    <message>
        <source>How many times to send it</source>
        <translation>Cuántas veces enviarlo</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Pause between repeats (0: queue them all at once)</source>
        <translation>Pausa entre repeticiones (0: ponerlas todas en cola a la vez)</translation>
    </message>
    <message>
        <source>MSG_OOB: send as TCP urgent data</source>
        <translation>MSG_OOB: enviar como datos urgentes de TCP</translation>
    </message>
    <message>
        <source>MSG_DONTROUTE: bypass the routing table</source>
        <translation>MSG_DONTROUTE: no usar la tabla de encaminamiento</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>A:</translation>
    </message>
    <message>
        <source>Destination of each datagram, e.g. udp://127.0.0.1:9000</source>
        <translation>Destino de cada datagrama, p. ej. udp://127.0.0.1:9000</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop repeating and drop what is still queued</source>
        <translation>Dejar de repetir y descartar lo que sigue en cola</translation>
    </message>
    <message>
        <source>Text to send, e.g. hello\r\n</source>
        <translation>Texto a enviar, p. ej. hola\r\n</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f 0a</source>
        <translation>Bytes en hexadecimal, p. ej. 48 65 6c 6c 6f 0a</translation>
    </message>
    <message>
        <source>Path of a file to send</source>
        <translation>Ruta de un fichero a enviar</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>Nothing to send: type text, hex bytes or choose a file</source>
        <translation>Nada que enviar: escriba texto, bytes en hexadecimal o elija un fichero</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <source>%1 queued, %2 repeats to go</source>
        <translation>%1 en cola, faltan %2 repeticiones</translation>
    </message>
    <message>
        <source>%1 still queued</source>
        <translation>%1 aún en cola</translation>
    </message>
    <message>
        <source>File to send</source>
        <translation>Fichero a enviar</translation>
    </message>
</context>
<context>
    <name>sb::TcpStateDiagram</name>
    <message>
        <source>passive open</source>
        <translation>apertura pasiva</translation>
    </message>
    <message>
        <source>close</source>
        <translation>cerrar</translation>
    </message>
    <message>
        <source>active open / snd SYN</source>
        <translation>apertura activa / env SYN</translation>
    </message>
    <message>
        <source>send
snd SYN</source>
        <translation>enviar
env SYN</translation>
    </message>
    <message>
        <source>rcv SYN
snd SYN,ACK</source>
        <translation>rec SYN
env SYN,ACK</translation>
    </message>
    <message>
        <source>rcv RST</source>
        <translation>rec RST</translation>
    </message>
    <message>
        <source>rcv SYN / snd SYN,ACK</source>
        <translation>rec SYN / env SYN,ACK</translation>
    </message>
    <message>
        <source>rcv ACK of SYN</source>
        <translation>rec ACK del SYN</translation>
    </message>
    <message>
        <source>rcv SYN,ACK
snd ACK</source>
        <translation>rec SYN,ACK
env ACK</translation>
    </message>
    <message>
        <source>close
snd FIN</source>
        <translation>cerrar
env FIN</translation>
    </message>
    <message>
        <source>rcv FIN
snd ACK</source>
        <translation>rec FIN
env ACK</translation>
    </message>
    <message>
        <source>rcv ACK of FIN</source>
        <translation>rec ACK del FIN</translation>
    </message>
    <message>
        <source>2MSL timeout</source>
        <translation>expira 2MSL</translation>
    </message>
    <message>
        <source>RFC 9293&apos;s TCP state diagram: the state now is lit, the path the connection took is drawn thicker, numbered as in the list below.</source>
        <translation>El diagrama de estados TCP de la RFC 9293: el estado actual aparece iluminado y el camino que siguió la conexión, más grueso y numerado como en la lista de abajo.</translation>
    </message>
</context>
<context>
    <name>sb::TcpStateDock</name>
    <message>
        <source>TCP state</source>
        <translation>Estado TCP</translation>
    </message>
    <message>
        <source>Each move of this end: when (from its first), from which state to which, and the segment or kernel reading that moved it.</source>
        <translation>Cada paso de este extremo: cuándo (desde el primero), de qué estado a cuál, y el segmento o la lectura del kernel que lo causó.</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>envió %1</translation>
    </message>
    <message>
        <source>received %1</source>
        <translation>recibió %1</translation>
    </message>
    <message>
        <source>first segment seen, %1 (the capture began later)</source>
        <translation>primer segmento visto, %1 (la captura empezó después)</translation>
    </message>
    <message>
        <source>the kernel&apos;s first reading</source>
        <translation>primera lectura del kernel</translation>
    </message>
    <message>
        <source>read from the kernel (no segment seen)</source>
        <translation>leído del kernel (sin segmento visto)</translation>
    </message>
    <message>
        <source>2MSL timeout: the kernel dropped the socket</source>
        <translation>expiró 2MSL: el kernel descartó el socket</translation>
    </message>
    <message>
        <source>timer ran out: the kernel dropped the socket</source>
        <translation>expiró el temporizador: el kernel descartó el socket</translation>
    </message>
    <message>
        <source>the kernel holds the socket no more</source>
        <translation>el kernel ya no tiene el socket</translation>
    </message>
    <message>
        <source>No connection followed</source>
        <translation>Ninguna conexión seguida</translation>
    </message>
    <message>
        <source>Select a TCP connection in the Connections table.</source>
        <translation>Seleccione una conexión TCP en la tabla Conexiones.</translation>
    </message>
    <message>
        <source>UDP has no TCP state machine: each datagram stands alone, with no connection to open or close.</source>
        <translation>UDP no tiene máquina de estados TCP: cada datagrama va por su cuenta, sin conexión que abrir ni cerrar.</translation>
    </message>
    <message>
        <source>UNIX sockets have no TCP state machine: the kernel joins the two sockets directly, with no segments.</source>
        <translation>Los sockets UNIX no tienen máquina de estados TCP: el kernel une los dos sockets directamente, sin segmentos.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>%1 — %2 s left</source>
        <translation>%1 — quedan %2 s</translation>
    </message>
    <message>
        <source>Path from the captured segments; state now from the kernel.</source>
        <translation>Camino según los segmentos capturados; estado actual según el kernel.</translation>
    </message>
    <message>
        <source>Path from the kernel&apos;s readings: no segment of it was captured.</source>
        <translation>Camino según las lecturas del kernel: no se capturó ningún segmento suyo.</translation>
    </message>
</context>
<context>
    <name>sb::TlsSettingsBox</name>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>predeterminada: %1</translation>
    </message>
    <message>
        <source>PEM certificate (chain) this side presents</source>
        <translation>Certificado PEM (cadena) que presenta este lado</translation>
    </message>
    <message>
        <source>PEM private key of the certificate</source>
        <translation>Clave privada PEM del certificado</translation>
    </message>
    <message>
        <source>PEM CA certificates (empty: the system&apos;s store)</source>
        <translation>Certificados PEM de CA (vacío: el almacén del sistema)</translation>
    </message>
    <message>
        <source>Accept a certificate that fails verification (insecure)</source>
        <translation>Aceptar un certificado que no supera la verificación (inseguro)</translation>
    </message>
    <message>
        <source>The connection goes on; what verification found is still shown</source>
        <translation>La conexión sigue; lo que encontró la verificación se muestra igualmente</translation>
    </message>
    <message>
        <source>Without a certificate, a self-signed pair is made in this folder (or the one made before is reused); no file is overwritten</source>
        <translation>Sin certificado, se crea un par autofirmado en esta carpeta (o se reutiliza el creado antes); no se sobrescribe ningún archivo</translation>
    </message>
    <message>
        <source>e.g. h2,http/1.1</source>
        <translation>p. ej. h2,http/1.1</translation>
    </message>
    <message>
        <source>append the session secrets here (SSLKEYLOGFILE format)</source>
        <translation>añadir aquí los secretos de la sesión (formato SSLKEYLOGFILE)</translation>
    </message>
    <message>
        <source>TLS 1.2 or 1.3</source>
        <translation>TLS 1.2 o 1.3</translation>
    </message>
    <message>
        <source>TLS 1.2 only</source>
        <translation>Solo TLS 1.2</translation>
    </message>
    <message>
        <source>TLS 1.3 only</source>
        <translation>Solo TLS 1.3</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Certificado:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Clave:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>Archivo de CA:</translation>
    </message>
    <message>
        <source>Self-signed folder:</source>
        <translation>Carpeta autofirmada:</translation>
    </message>
    <message>
        <source>ALPN:</source>
        <translation>ALPN:</translation>
    </message>
    <message>
        <source>Key log file:</source>
        <translation>Archivo de claves:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versión:</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Elegir una carpeta</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <source>PEM certificate (empty: a self-signed pair)</source>
        <translation>Certificado PEM (vacío: un par autofirmado)</translation>
    </message>
    <message>
        <source>optional: a client certificate (PEM)</source>
        <translation>opcional: un certificado de cliente (PEM)</translation>
    </message>
    <message>
        <source>TLS: the key needs its certificate</source>
        <translation>TLS: la clave necesita su certificado</translation>
    </message>
    <message>
        <source>TLS: the certificate needs its key</source>
        <translation>TLS: el certificado necesita su clave</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificado</translation>
    </message>
    <message>
        <source>key</source>
        <translation>clave</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>archivo de CA</translation>
    </message>
    <message>
        <source>TLS: %1 &apos;%2&apos; does not exist</source>
        <translation>TLS: %1 «%2» no existe</translation>
    </message>
    <message>
        <source>TLS: %1 &apos;%2&apos; is not a readable file</source>
        <translation>TLS: %1 «%2» no es un archivo legible</translation>
    </message>
    <message>
        <source>TLS: each ALPN protocol is 1 to 255 bytes, comma-separated</source>
        <translation>TLS: cada protocolo ALPN tiene de 1 a 255 bytes, separados por comas</translation>
    </message>
</context>
<context>
    <name>sb::TraceModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Conn</source>
        <translation>Con.</translation>
    </message>
    <message>
        <source>System call</source>
        <translation>Llamada al sistema</translation>
    </message>
</context>
<context>
    <name>sb::TraceView</name>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>%L1 calls shown, %L2 failed</source>
        <translation>%L1 llamadas mostradas, %L2 fallidas</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>a las %1</translation>
    </message>
    <message>
        <source>, connection #%1</source>
        <translation>, conexión #%1</translation>
    </message>
    <message>
        <source>, descriptor %1</source>
        <translation>, descriptor %1</translation>
    </message>
    <message>
        <source>Bytes carried: %1</source>
        <translation>Bytes transportados: %1</translation>
    </message>
    <message>
        <source>&amp;Copy call</source>
        <translation>&amp;Copiar llamada</translation>
    </message>
    <message>
        <source>&amp;Filter the log by this address (%1)</source>
        <translation>&amp;Filtrar el registro por esta dirección (%1)</translation>
    </message>
</context>
<context>
    <name>sb::WireDock</name>
    <message>
        <source>Wire</source>
        <translation>Diagrama de mensajes</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <source>Keep the newest messages in view. Scrolling up stops it.</source>
        <translation>Mantener a la vista los mensajes más recientes. Al desplazarse hacia arriba se detiene.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Freeze the chart to look at it; traffic is still recorded and shows again on resume</source>
        <translation>Congelar el diagrama para examinarlo; el tráfico se sigue registrando y vuelve a verse al reanudar</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Spread events further apart in time (Ctrl+wheel)</source>
        <translation>Separar más los eventos en el tiempo (Ctrl+rueda)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Bring events closer; arrows closer than a pixel collapse into one &quot;N messages&quot; arrow (Ctrl+wheel)</source>
        <translation>Juntar los eventos; las flechas a menos de un píxel se funden en una flecha &quot;N mensajes&quot; (Ctrl+rueda)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>The zoom at which everything recorded fits the view</source>
        <translation>El zoom con el que todo lo registrado cabe en la vista</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Forget the chart drawn so far</source>
        <translation>Olvidar el diagrama dibujado hasta ahora</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG image or an SVG drawing</source>
        <translation>Guardar el diagrama como imagen PNG o dibujo SVG</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n elemento</numerusform>
            <numerusform>%n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>, %L1 older ones dropped</source>
        <translation>, %L1 anteriores descartados</translation>
    </message>
    <message>
        <source>, %L1 events lost in a flood</source>
        <translation>, %L1 eventos perdidos en una avalancha</translation>
    </message>
    <message>
        <source>  ·  %1 µs/px</source>
        <translation>  ·  %1 µs/px</translation>
    </message>
    <message>
        <source>  ·  %1 ms/px</source>
        <translation>  ·  %1 ms/px</translation>
    </message>
    <message>
        <source>  ·  %1 s/px</source>
        <translation>  ·  %1 s/px</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot;: the name must end in .png or .svg</source>
        <translation>formato desconocido &quot;%1&quot;: el nombre debe terminar en .png o .svg</translation>
    </message>
    <message>
        <source>Export the wire chart</source>
        <translation>Exportar el diagrama de mensajes</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Imagen PNG (*.png);;Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Falló la exportación</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Draw only the system calls and the messages they carry</source>
        <translation>Dibujar solo las llamadas al sistema y los mensajes que llevan</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <source>Draw only the packets captured on lo (flags, sequence numbers, lengths)</source>
        <translation>Dibujar solo los paquetes capturados en lo (indicadores, números de secuencia, longitudes)</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Ambos</translation>
    </message>
    <message>
        <source>Draw the calls with the packets each one caused beneath it</source>
        <translation>Dibujar las llamadas con los paquetes que causó cada una debajo de ella</translation>
    </message>
    <message>
        <source>No packets are drawn: %1</source>
        <translation>No se dibujan paquetes: %1</translation>
    </message>
    <message>
        <source>UNIX sockets put no packets on the wire: only their calls are drawn.</source>
        <translation>Los sockets UNIX no ponen paquetes en el cable: solo se dibujan sus llamadas.</translation>
    </message>
</context>
<context>
    <name>sb::WireModel</name>
    <message>
        <source>Endpoint %1</source>
        <translation>Extremo %1</translation>
    </message>
    <message>
        <source>outside SockBench</source>
        <translation>fuera de SockBench</translation>
    </message>
    <message>
        <source>peer %1</source>
        <translation>otro extremo %1</translation>
    </message>
</context>
<context>
    <name>sb::WireView</name>
    <message numerus="yes">
        <source>%n messages, </source>
        <translation>
            <numerusform>%n mensaje, </numerusform>
            <numerusform>%n mensajes, </numerusform>
        </translation>
    </message>
    <message>
        <source> (truncated)</source>
        <translation> (truncado)</translation>
    </message>
    <message>
        <source>FIN → EOF</source>
        <translation>FIN → EOF</translation>
    </message>
    <message>
        <source> → EOF</source>
        <translation> → EOF</translation>
    </message>
    <message>
        <source>abort → RST</source>
        <translation>abortar → RST</translation>
    </message>
    <message>
        <source>&lt;br&gt;at %1</source>
        <translation>&lt;br&gt;a las %1</translation>
    </message>
    <message>
        <source>, arrived %1 later</source>
        <translation>, llegó %1 después</translation>
    </message>
    <message>
        <source>&lt;br&gt;not received yet</source>
        <translation>&lt;br&gt;aún no recibido</translation>
    </message>
    <message>
        <source>&lt;br&gt;not delivered: lost, or the receiver closed first</source>
        <translation>&lt;br&gt;no entregado: perdido, o el receptor cerró antes</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 items closer than a pixel; zoom in to see them apart</source>
        <translation>&lt;br&gt;%1 elementos a menos de un píxel; acerque el zoom para verlos por separado</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>no traffic yet</source>
        <translation>aún no hay tráfico</translation>
    </message>
    <message>
        <source>time</source>
        <translation>tiempo</translation>
    </message>
    <message>
        <source>the chart is too large to render</source>
        <translation>el diagrama es demasiado grande para dibujarlo</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>no se pudo escribir %1</translation>
    </message>
    <message>
        <source>SockBench wire view</source>
        <translation>Diagrama de mensajes de SockBench</translation>
    </message>
    <message>
        <source>Messages between SockBench&apos;s panels, time flowing down</source>
        <translation>Mensajes entre los paneles de SockBench, con el tiempo hacia abajo</translation>
    </message>
    <message>
        <source>%1 s later</source>
        <translation>%1 s después</translation>
    </message>
    <message>
        <source>%1 ms later</source>
        <translation>%1 ms después</translation>
    </message>
    <message>
        <source>&lt;br&gt;caused by %1</source>
        <translation>&lt;br&gt;causado por %1</translation>
    </message>
</context>
</TS>
