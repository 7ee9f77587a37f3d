# WireScim next to another binary module that ships different versions of the same dependencies
# (Microsoft.Extensions.Http/DependencyInjection 8.0.1, System.Text.Json 8.0.5), loaded into one process in both
# orders. The other module is the naive kind: its dependencies sit next to its dll in the default load context.
# WireScim must keep working either way (its own copies come from its 'dependencies' folder through
# ModuleInitializer), and so must the other module. The assembly versions each process loaded are printed.

BeforeDiscovery {
    $script:Orders = @(
        @{ Order = 'OtherFirst'; Description = 'the other module first, then WireScim' }
        @{ Order = 'WireScimFirst'; Description = 'WireScim first, then the other module' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
}

Describe 'Side by side with a module that brings other dependency versions' -Tag 'SideBySide' {
    BeforeAll {
        # Built once per run in $TestDrive: restore once, publish with --no-restore.
        $project = Join-Path $TestDrive 'OtherModule'
        $published = Join-Path $TestDrive 'OtherModule/published'
        $null = New-Item -ItemType Directory -Force $project
        Set-Content -LiteralPath (Join-Path $project 'OtherModule.csproj') -Encoding utf8 -Value @'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <LangVersion>latest</LangVersion>
    <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PowerShellStandard.Library" Version="5.1.1" PrivateAssets="all" ExcludeAssets="runtime" />
    <PackageReference Include="Microsoft.Extensions.Http" Version="8.0.1" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="8.0.1" />
    <PackageReference Include="System.Text.Json" Version="8.0.5" />
  </ItemGroup>
</Project>
'@
        Set-Content -LiteralPath (Join-Path $project 'GetOtherThingCommand.cs') -Encoding utf8 -Value @'
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace OtherModule
{
    /// <summary>Uses its own Microsoft.Extensions.Http, DependencyInjection and System.Text.Json.</summary>
    [Cmdlet(VerbsCommon.Get, "OtherThing")]
    public sealed class GetOtherThingCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            using (var services = new ServiceCollection().AddHttpClient().BuildServiceProvider())
            {
                var factory = services.GetRequiredService<IHttpClientFactory>();
                using (var client = factory.CreateClient("other"))
                {
                    var json = JsonSerializer.Serialize(new Thing { Name = "other", Timeout = client.Timeout.TotalSeconds });
                    var result = new PSObject();
                    result.Properties.Add(new PSNoteProperty("Json", json));
                    result.Properties.Add(new PSNoteProperty("HttpFactory", typeof(IHttpClientFactory).Assembly.FullName));
                    result.Properties.Add(new PSNoteProperty("Json.Assembly", typeof(JsonSerializer).Assembly.FullName));
                    WriteObject(result);
                }
            }
        }

        public sealed class Thing
        {
            public string Name { get; set; }
            public double Timeout { get; set; }
        }
    }
}
'@
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $log = & dotnet restore $project --nologo --verbosity quiet 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Restoring the other module failed: $($log -join "`n")" }
        $log = & dotnet publish $project -c Release -o $published --no-restore --nologo --verbosity quiet 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Publishing the other module failed: $($log -join "`n")" }
        Write-Host "  Other module built in $([int]$clock.Elapsed.TotalSeconds) s: $((Get-ChildItem $published -Filter *.dll).Name -join ', ')"
        $otherDll = Join-Path $published 'OtherModule.dll'

        $token = 'pester-side-by-side'
        $emulator = Start-TestEmulator -Token $token

        # Runs in a fresh process; prints one JSON line with what happened and which assemblies got loaded.
        $childScript = Join-Path $TestDrive 'side-by-side-child.ps1'
        Set-Content -LiteralPath $childScript -Encoding utf8 -Value @'
param([string] $Order, [string] $WireScimModule, [string] $OtherModule, [string] $Uri, [string] $Token, [string] $Handle)
$ErrorActionPreference = 'Stop'
$report = [ordered]@{ Order = $Order; Other = $null; Created = $null; Found = $null; Error = $null; Assemblies = @() }
try {
    if ($Order -eq 'OtherFirst') {
        Import-Module $OtherModule
        $report.Other = Get-OtherThing
        Import-Module $WireScimModule
    }
    else {
        Import-Module $WireScimModule
        Import-Module $OtherModule
    }
    Connect-WireScim -Uri $Uri -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
    $created = New-WireScimUser -UserName $Handle -DisplayName "Side $Order" -ExternalId "$Handle@example.com"
    $report.Created = $created.UserName
    $report.Found = (Get-WireScimUser -UserName $Handle).Id
    if ($Order -ne 'OtherFirst') { $report.Other = Get-OtherThing }
}
catch {
    $report.Error = "$($_.FullyQualifiedErrorId): $($_.Exception.ToString())"
}
$report.Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { $_.GetName().Name -in 'Microsoft.Extensions.Http', 'System.Text.Json', 'Microsoft.Extensions.DependencyInjection', 'Microsoft.Extensions.DependencyInjection.Abstractions' } |
    ForEach-Object {
        [ordered]@{
            Name     = $_.GetName().Name
            Version  = $_.GetName().Version.ToString()
            Location = $_.Location
            Context  = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
        }
    })
$report | ConvertTo-Json -Depth 5 -Compress
'@
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        function Invoke-SideBySideChild {
            param([string] $Order)
            $lines = & dotnet $pwshDll -NoProfile -NonInteractive -File $childScript -Order $Order -WireScimModule $env:WIRESCIM_MODULE `
                -OtherModule $otherDll -Uri $emulator.ScimUri -Token $token -Handle ("side" + $Order.ToLowerInvariant()) 2>&1
            $json = @($lines | Where-Object { "$_".StartsWith('{') })[-1]
            if (-not $json) { throw "The child process printed no report: $($lines -join "`n")" }
            $report = $json | ConvertFrom-Json
            Write-Host "  $Order loaded:"
            foreach ($assembly in $report.Assemblies | Sort-Object Name, Version) {
                Write-Host "    $($assembly.Name) $($assembly.Version) [$($assembly.Context)] $($assembly.Location)"
            }
            $report
        }
    }
    AfterAll {
        Stop-TestEmulator $emulator
    }

    Context '<Description>' -ForEach $Orders {
        BeforeAll {
            $report = Invoke-SideBySideChild -Order $Order
        }

        It 'runs the other module''s cmdlet with its own dependencies' {
            $report.Error | Should -BeNullOrEmpty
            $report.Other.Json | Should -Be '{"Name":"other","Timeout":100}'
        }

        It 'creates and reads a user with WireScim' {
            $report.Error | Should -BeNullOrEmpty
            $report.Created | Should -Be ("side" + $Order.ToLowerInvariant())
            $report.Found | Should -Not -BeNullOrEmpty
            @(Get-EmulatorUser -Emulator $emulator -UserName $report.Created) | Should -HaveCount 1
        }

        It 'keeps both Microsoft.Extensions.Http versions: WireScim''s from its dependencies folder, the other''s next to its dll' {
            $http = @($report.Assemblies | Where-Object Name -EQ 'Microsoft.Extensions.Http')
            $moduleDependencies = Join-Path (Split-Path $env:WIRESCIM_MODULE) 'dependencies'
            @($http | Where-Object Version -Like '8.*').Location | Should -BeLike "$TestDrive*"
            @($http | Where-Object { $_.Location -like "$moduleDependencies*" }) | Should -HaveCount 1
        }
    }
}
