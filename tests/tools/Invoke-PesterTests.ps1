# Runs the Pester tests under tests/pester (or only the files given with -Path) and writes the pass/fail counts as JSON.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Test files to run instead of all of tests/pester, e.g. tests/pester/Users.Tests.ps1.
    [string[]] $Path = @()
)
$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot)
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
# The pinned version is the one tools.csproj downloads (build.ps1 restores it).
$pesterVersion = ([xml](Get-Content (Join-Path $PSScriptRoot 'tools.csproj') -Raw)).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
Import-Module (Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1") -Force

$env:WIRESCIM_MODULE = $ModulePath
$env:WIRESCIM_EMULATOR = $EmulatorPath
$configuration = New-PesterConfiguration
# -File passes a comma-separated list as one string.
$Path = @($Path | ForEach-Object { $_ -split "," } | Where-Object { $_ })
$configuration.Run.Path = if ($Path.Count -gt 0) { $Path } else { Join-Path $root 'tests/pester' }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path $ResultPath 'pester.xml'
$result = Invoke-Pester -Configuration $configuration
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
    ConvertTo-Json | Set-Content $SummaryPath
