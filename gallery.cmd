@echo off
rem Gallery launcher for Windows: finds a JDK 25, builds the jar when the sources are newer, then runs it.
rem   gallery serve      run the service (embedded SQLite under .\gallery-data)
rem   gallery test       run the whole test suite
rem   gallery db ...     database tools (upgrade, downgrade, current, history, stamp)
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "HERE=%HERE:~0,-1%"
set "JAR=%HERE%\target\gallery.jar"
rem the jar unpacked, with the JVM's ahead-of-time cache made by a training run after each build (see ./gallery)
set "RUN_DIR=%HERE%\target\run"
set "AOT_CACHE=%RUN_DIR%\gallery.aot"
set "AOT_STAMP=%RUN_DIR%\gallery.aot.jdk"
set "JVM_OPTS=--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms32m"
rem the JDK's vector module only where Lucene's vector index is used: with it the cache holds no linked classes and
rem a start is slower (see ./gallery)
set "LUCENE_VECTORS="
if defined EMBEDDINGS if /i not "%EMBEDDINGS%"=="off" (
  if not defined VECTOR_STORE set "LUCENE_VECTORS=1"
  if /i "%VECTOR_STORE%"=="auto" set "LUCENE_VECTORS=1"
  if /i "%VECTOR_STORE%"=="lucene" set "LUCENE_VECTORS=1"
)
if defined LUCENE_VECTORS set "JVM_OPTS=%JVM_OPTS% --add-modules jdk.incubator.vector"
set "JDK="

if defined JAVA_HOME call :try_jdk "%JAVA_HOME%"
if not defined JDK (
  for /f "delims=" %%J in ('where java 2^>nul') do (
    if not defined JDK call :try_jdk "%%~dpJ.."
  )
)
if not defined JDK (
  for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\jdk-25*" "%ProgramFiles%\Java\jdk-25*" "%ProgramFiles%\Microsoft\jdk-25*" "%USERPROFILE%\.jdks\*25*") do (
    if not defined JDK call :try_jdk "%%~fD"
  )
)
if not defined JDK (
  echo gallery: a JDK 25 ^(or newer^) is needed and none was found. 1>&2
  echo   Install Eclipse Temurin 25: winget install EclipseAdoptium.Temurin.25.JDK 1>&2
  echo   or set JAVA_HOME to an installed JDK 25. 1>&2
  exit /b 3
)
set "JAVA_HOME=%JDK%"

set "MVN="
if exist "%HERE%\mvnw.cmd" if exist "%HERE%\.mvn\wrapper\maven-wrapper.properties" set "MVN=%HERE%\mvnw.cmd"
if not defined MVN (
  where mvn >nul 2>nul && set "MVN=mvn"
)

if /i "%~1"=="test" goto :test

set "BUILD="
if not exist "%JAR%" set "BUILD=1"
if not defined BUILD (
  rem rebuild when any source file is newer than the jar
  for /f "delims=" %%F in ('powershell -NoProfile -Command "$j=(Get-Item '%JAR%').LastWriteTime; (Get-ChildItem -Recurse '%HERE%\src\main','%HERE%\pom.xml' | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1).FullName"') do set "BUILD=1"
)
if defined BUILD (
  if not defined MVN (
    echo gallery: Maven 3.9 is needed to build Gallery ^(winget install Apache.Maven^). 1>&2
    exit /b 3
  )
  echo Building Gallery ^(the first build downloads dependencies and takes a few minutes^)... 1>&2
  if not exist "%HERE%\target" mkdir "%HERE%\target"
  pushd "%HERE%"
  call %MVN% -B -q -DskipTests package > "%HERE%\target\build.log" 2>&1
  set "RC=!ERRORLEVEL!"
  popd
  if not "!RC!"=="0" (
    echo gallery: the build failed; see target\build.log 1>&2
    exit /b 1
  )
  call :prepare_run
) else (
  call :run_ready
  if not "!READY!"=="1" call :prepare_run
)
rem libvips warns about harmless oddities of files, one or more per image: kept out of the log
if not defined VIPS_WARNING set VIPS_WARNING=0
if exist "%AOT_CACHE%" (
  "%JDK%\bin\java" %JVM_OPTS% -XX:AOTCache="%AOT_CACHE%" -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining %GALLERY_JAVA_OPTS% -jar "%RUN_DIR%\gallery.jar" %*
) else if exist "%RUN_DIR%\gallery.jar" (
  "%JDK%\bin\java" %JVM_OPTS% %GALLERY_JAVA_OPTS% -jar "%RUN_DIR%\gallery.jar" %*
) else (
  "%JDK%\bin\java" %JVM_OPTS% %GALLERY_JAVA_OPTS% -jar "%JAR%" %*
)
exit /b %ERRORLEVEL%

:run_ready
rem the cache fits the jar it was made from (a build removes it) and the JDK and options that made it
set "READY=0"
if not exist "%RUN_DIR%\gallery.jar" exit /b 0
if not exist "%AOT_STAMP%" exit /b 0
call :jdk_identity "%TEMP%\gallery-jdk-%RANDOM%.txt"
fc /b "%IDENTITY%" "%AOT_STAMP%" >nul 2>nul && set "READY=1"
del "%IDENTITY%" >nul 2>nul
exit /b 0

:jdk_identity
set "IDENTITY=%~1"
> "%IDENTITY%" echo %JDK% %JVM_OPTS%
if exist "%JDK%\release" (type "%JDK%\release" >> "%IDENTITY%") else ("%JDK%\bin\java" -version >> "%IDENTITY%" 2>&1)
exit /b 0

:prepare_run
rem unpacks the jar and makes the cache from a training run on a fresh store in a temporary folder; without the
rem cache the service still starts, only slower
echo Preparing the fast start ^(a training run of the service, under a minute^)... 1>&2
if exist "%RUN_DIR%" rmdir /s /q "%RUN_DIR%"
"%JDK%\bin\java" -Djarmode=tools -jar "%JAR%" extract --destination "%RUN_DIR%" > "%HERE%\target\training.log" 2>&1
if errorlevel 1 (
  echo gallery: unpacking the jar failed; starting from the jar 1>&2
  if exist "%RUN_DIR%" rmdir /s /q "%RUN_DIR%"
  exit /b 0
)
set "TRAIN=%TEMP%\gallery-training-%RANDOM%"
mkdir "%TRAIN%"
pushd "%TRAIN%"
setlocal
for /f "delims==" %%V in ('set ^| findstr /b /i "API_ DATABASE_URL= REDIS_URL= STORAGE_ AUTO_MIGRATE= GALLERY_"') do set "%%V="
set "STORAGE_ROOT=%TRAIN%\data"
set "API_HOST=127.0.0.1"
set "API_PORT=0"
set "AUTH=off"
"%JDK%\bin\java" %JVM_OPTS% -XX:AOTCacheOutput="%AOT_CACHE%" -jar "%RUN_DIR%\gallery.jar" serve --training-run >> "%HERE%\target\training.log" 2>&1
if errorlevel 1 if exist "%AOT_CACHE%" del "%AOT_CACHE%"
endlocal
popd
rmdir /s /q "%TRAIN%"
if not exist "%AOT_CACHE%" echo gallery: the training run failed ^(see target\training.log^); starting without the ahead-of-time cache 1>&2
call :jdk_identity "%AOT_STAMP%"
exit /b 0

:test
if not defined MVN (
  echo gallery: Maven 3.9 is needed to run the tests ^(winget install Apache.Maven^). 1>&2
  exit /b 3
)
pushd "%HERE%"
if exist target\surefire-reports rmdir /s /q target\surefire-reports
shift
call %MVN% -B --no-transfer-progress test %1 %2 %3 %4 %5 %6 %7 %8 %9
set "RC=%ERRORLEVEL%"
powershell -NoProfile -Command "$p=0;$f=0;$s=0; Get-ChildItem target\surefire-reports\TEST-*.xml -ErrorAction SilentlyContinue | ForEach-Object { [xml]$x=Get-Content $_; foreach($t in $x.testsuite.testcase){ if($t.failure -or $t.error){$f++} elseif($t.skipped){$s++} else {$p++} } }; if(%RC% -ne 0 -and $f -eq 0){$f=1}; if($s -gt 0){\"$p passed, $f failed, $s skipped\"} else {\"$p passed, $f failed\"}"
popd
exit /b %RC%

:try_jdk
if not exist "%~1\bin\javac.exe" exit /b 0
for /f "tokens=3" %%V in ('"%~1\bin\java.exe" -version 2^>^&1 ^| findstr /i "version"') do set "VER=%%~V"
for /f "delims=." %%M in ("!VER!") do set "MAJOR=%%M"
if !MAJOR! GEQ 25 set "JDK=%~f1"
exit /b 0
