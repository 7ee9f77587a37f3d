<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages the WireScim module.
.DESCRIPTION
    The one entry point. Tasks:
      Build     assemble the importable module in out/WireScim/<version>/ (and the emulator in out/emulator/)
      Test      build, run every xunit project and every Pester test, print 'N passed, N failed'
                (-Filter <file.Tests.ps1 | xunit filter> runs a part, -NoBuild skips the build)
      Demo      build, start the local Wire emulator, run the admin story in module/samples/Demo.ps1
      Bench     build, run the benchmarks in tests/bench against the emulator and print the tables
                (-BenchScenario 5,7 runs some, -NoBuild measures the module already in out/)
      Package   build and write out/package/WireScim.<version>.nupkg (Install-PSResource / Install-Module)
      Emulator  build and run the emulator in the foreground; -EmulatorArgument '--rate','50' goes to it (also
                under pwsh -File), -NoBuild runs the one already in out/
      Clean     remove out/ and the bin/obj folders
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ArgumentCompleter({
        param($commandName, $parameterName, $wordToComplete)
        'Build', 'Test', 'Demo', 'Bench', 'Package', 'Emulator', 'Clean' | Where-Object { $_ -like "$wordToComplete*" }
    })]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Passed to the emulator by the Emulator task, e.g. -EmulatorArgument '--rate','50'.
    [string[]] $EmulatorArgument = @(),

    # The benchmark scenarios the Bench task runs (tests/bench/README.md), e.g. -BenchScenario 5,7 for the sync ones.
    # Strings, split on commas: under pwsh -File '5,7' arrives as one string, which [int[]] would read as 57.
    [string[]] $BenchScenario = @(),

    # Test: run only these. A path ending in .ps1 runs that Pester file (no xunit); anything else is an xunit
    # filter (dotnet test --filter, e.g. FullyQualifiedName~ResilientTransport; no Pester).
    [string] $Filter,

    # Test and Emulator: use the module and emulator already built in out/ (the inner loop after one Build).
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Tasks = 'Build', 'Test', 'Demo', 'Bench', 'Package', 'Emulator', 'Clean'
if ($Task -notin $Tasks) {
    Write-Error "Unknown task '$Task'. The tasks are: $($Tasks -join ', '). Example: dotnet pwsh ./build.ps1 -Task Test" -ErrorAction Continue
    exit 2
}

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$Manifest = Import-PowerShellDataFile (Join-Path $Root 'WireScim.psd1')
$Version = $Manifest.ModuleVersion
$ModuleDir = Join-Path $Out "WireScim/$Version"
$EmulatorDll = Join-Path $Out 'emulator/WireScim.Emulator.dll'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Dotnet {
    # A plain function on purpose: an advanced one would read dotnet's '-v:q' as -Verbose.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ReleaseNote {
    # The newest section of CHANGELOG.md becomes the manifest's ReleaseNotes.
    $changelog = Join-Path $Root 'CHANGELOG.md'
    if (-not (Test-Path $changelog)) { return '' }
    $section = [System.Collections.Generic.List[string]]::new()
    foreach ($line in Get-Content $changelog) {
        if ($line -match '^## ') {
            if ($section.Count -gt 0) { break }
            $section.Add($line)
        }
        elseif ($section.Count -gt 0) { $section.Add($line) }
    }
    ($section -join "`n").Trim()
}

function Invoke-Build {
    Write-Host "Building WireScim $Version ($Configuration)" -ForegroundColor Cyan
    $publish = Join-Path $Out 'publish'
    Remove-Item $publish, $ModuleDir -Recurse -Force -ErrorAction Ignore
    Invoke-Dotnet restore (Join-Path $Root 'tests/tools/tools.csproj') -nologo --verbosity quiet
    # Warnings are errors here (and so in CI, which runs the Test task); a plain 'dotnet build' only shows them.
    Invoke-Dotnet build (Join-Path $Root 'WireScim.sln') -c $Configuration "-p:Version=$Version" '-p:TreatWarningsAsErrors=true' -nologo '-clp:ErrorsOnly' --verbosity quiet
    Invoke-Dotnet publish (Join-Path $Root 'src/WireScim/WireScim.csproj') -c $Configuration "-p:Version=$Version" -o $publish --no-build -nologo --verbosity quiet
    Invoke-Dotnet publish (Join-Path $Root 'src/WireScim.Emulator/WireScim.Emulator.csproj') -c $Configuration -o (Join-Path $Out 'emulator') --no-build -nologo --verbosity quiet

    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleDir 'dependencies')
    Copy-Item (Join-Path $publish 'WireScim.dll') $ModuleDir
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -NotIn 'WireScim.dll', 'System.Management.Automation.dll' |
        Copy-Item -Destination $dependencies
    Get-ChildItem (Join-Path $Root 'module') | Where-Object Name -NE 'help' | Copy-Item -Destination $ModuleDir -Recurse -Force
    foreach ($file in 'LICENSE', 'README.md', 'CHANGELOG.md') {
        if (Test-Path (Join-Path $Root $file)) { Copy-Item (Join-Path $Root $file) $ModuleDir }
    }
    # Strict: a parameter without help, or help for a parameter that does not exist, fails the build.
    & (Join-Path $Root 'tools/ConvertTo-MamlHelp.ps1') -SourcePath (Join-Path $Root 'module/help') -OutputPath (Join-Path $ModuleDir 'en-US') -Strict
    $manifestText = Get-Content (Join-Path $Root 'WireScim.psd1') -Raw
    $notes = (Get-ReleaseNote) -replace "'", "''"
    # A match evaluator, not a replacement string: the notes may hold '$_' or '$1', which -replace would expand.
    $manifestText = [regex]::Replace($manifestText, "ReleaseNotes\s*=\s*''", { "ReleaseNotes = '$notes'" })
    Set-Content -Path (Join-Path $ModuleDir 'WireScim.psd1') -Value $manifestText -Encoding utf8
    Write-Host "Module: $ModuleDir" -ForegroundColor Green
}

function Get-TrxCount {
    param([string] $Directory, [string] $Prefix = '')
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $Directory -Filter "$Prefix*.trx" -ErrorAction Ignore) {
        $counters = ([xml](Get-Content $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-BuildUnlessNoBuild {
    if (-not $NoBuild) { Invoke-Build }
    elseif (-not (Test-Path (Join-Path $ModuleDir 'WireScim.psd1'))) { throw "-NoBuild: no module in $ModuleDir; run ./build.ps1 -Task Build first." }
}

function Invoke-Test {
    Invoke-BuildUnlessNoBuild
    $results = Join-Path $Out 'test-results'
    Remove-Item $results -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Force $results
    $pesterFile = if ($Filter -and $Filter -like '*.ps1') { (Resolve-Path $Filter).Path }
    $runXunit = -not $pesterFile
    $runPester = -not $Filter -or $pesterFile

    $xunit = [pscustomobject]@{ Passed = 0; Failed = 0 }
    if ($runXunit) {
        Write-Host 'xunit' -ForegroundColor Cyan
        $filterArgument = if ($Filter) { @('--filter', $Filter) } else { @() }
        $testProjects = Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter *.Tests.csproj
        $crashed = 0
        foreach ($project in $testProjects) {
            & dotnet test $project.FullName -c $Configuration --no-build --nologo --results-directory $results @filterArgument `
                --logger "trx;LogFilePrefix=$($project.BaseName)" --logger 'console;verbosity=minimal'
            # A test host that crashes (a stack overflow, say) leaves a result file that counts no failure: count it here.
            if ($LASTEXITCODE -ne 0 -and (Get-TrxCount $results "$($project.BaseName)_").Failed -eq 0) {
                $crashed++
                Write-Host "$($project.BaseName): dotnet test failed with exit code $LASTEXITCODE and no failed test; the run was aborted." -ForegroundColor Red
            }
        }
        $xunit = Get-TrxCount $results
        $xunit.Failed += $crashed
        if ($xunit.Passed + $xunit.Failed -eq 0) { $xunit.Failed = 1; Write-Host 'xunit ran no test.' -ForegroundColor Red }
    }

    $pester = [pscustomobject]@{ Passed = 0; Failed = 0 }
    if ($runPester) {
        Write-Host 'Pester' -ForegroundColor Cyan
        $pesterSummary = Join-Path $results 'pester-summary.json'
        Remove-Item $pesterSummary -ErrorAction Ignore
        $pathArgument = if ($pesterFile) { @('-Path', $pesterFile) } else { @() }
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/tools/Invoke-PesterTests.ps1') `
            -ModulePath (Join-Path $ModuleDir 'WireScim.psd1') -EmulatorPath $EmulatorDll -ResultPath $results -SummaryPath $pesterSummary @pathArgument
        $pester = [pscustomobject]@{ Passed = 0; Failed = 1 }
        if ($LASTEXITCODE -eq 0 -and (Test-Path $pesterSummary)) {
            $summary = Get-Content $pesterSummary -Raw | ConvertFrom-Json
            $pester = [pscustomobject]@{ Passed = [int]$summary.Passed; Failed = [int]$summary.Failed }
        }
        else { Write-Host 'Pester did not complete.' -ForegroundColor Red }
        if ($pester.Passed + $pester.Failed -eq 0) { $pester.Failed = 1; Write-Host 'Pester ran no test.' -ForegroundColor Red }
    }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $Root 'tests/tools/EmulatorProcess.psm1') -Force
    $emulator = Start-WireScimEmulator -EmulatorPath $EmulatorDll
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'module/samples/Demo.ps1') `
            -Uri $emulator.Uri -AdminEmail $emulator.AdminEmail -AdminPassword $emulator.AdminPassword `
            -ModulePath (Join-Path $ModuleDir 'WireScim.psd1') -CsvPath (Join-Path $Root 'module/samples/users.csv')
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Stop-WireScimEmulator $emulator
    }
}

function Invoke-Bench {
    Invoke-BuildUnlessNoBuild
    $chosen = @($BenchScenario -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    $scenarios = if ($chosen.Count) { @('-Scenario', ($chosen -join ',')) } else { @() }
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/bench/Invoke-Benchmarks.ps1') `
        -ModulePath (Join-Path $ModuleDir 'WireScim.psd1') -EmulatorPath $EmulatorDll @scenarios
    if ($LASTEXITCODE -ne 0) { throw "The benchmarks failed with exit code $LASTEXITCODE." }
}

function Invoke-Package {
    Invoke-Build
    $packageDir = Join-Path $Out 'package'
    Remove-Item $packageDir -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Force $packageDir
    $repository = "WireScimBuild$PID"
    Register-PSResourceRepository -Name $repository -Uri $packageDir -Trusted
    try {
        Publish-PSResource -Path $ModuleDir -Repository $repository -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Get-ChildItem $packageDir -Filter *.nupkg | ForEach-Object { Write-Host "Package: $($_.FullName)" -ForegroundColor Green }
}

function ConvertTo-EmulatorArgument {
    # Under pwsh -File (how 'dotnet pwsh ./build.ps1 ...' runs) -EmulatorArgument '--scim-token','t' arrives as the
    # one string '--scim-token,t'. Split at commas; a part that is not an option goes back onto the value before
    # it, so that comma lists such as --fault-kinds 500,503 stay one value.
    param([string[]] $Argument)
    $result = [System.Collections.Generic.List[string]]::new()
    $lastIsValue = $false
    foreach ($part in @($Argument) -split ',') {
        if ($part -like '-*') { $result.Add($part); $lastIsValue = $false }
        elseif ($lastIsValue) { $result[$result.Count - 1] += ",$part" }
        else { $result.Add($part); $lastIsValue = $true }
    }
    , $result.ToArray()
}

function Invoke-Emulator {
    Invoke-BuildUnlessNoBuild
    $arguments = ConvertTo-EmulatorArgument $EmulatorArgument
    & dotnet $EmulatorDll --port 0 @arguments
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Emulator' { Invoke-Emulator }
    'Clean' {
        Remove-Item $Out -Recurse -Force -ErrorAction Ignore
        Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Remove-Item -Recurse -Force
    }
}
