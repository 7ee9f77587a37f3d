#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module as a first-class PowerShell module: exports, manifest, views, tab completion, packaging, and the
# assembly's references (netstandard2.0 surface only).

BeforeAll {
    $script:manifestPath = $env:WIRESCIM_MODULE
    $script:moduleDir = Split-Path $manifestPath
    $script:root = Split-Path (Split-Path $PSScriptRoot)
    $script:manifest = Import-PowerShellDataFile $manifestPath
    Import-Module $manifestPath -Force
    # A token text that must never appear in any output.
    $script:secretText = 'tok3n-Zq8vW2-do-not-show'
}

AfterAll {
    Disconnect-WireScim
}

Describe 'Exports and manifest' {
    It 'exports exactly the manifest''s cmdlets, all compiled cmdlets' {
        $exported = @(Get-Command -Module WireScim | Sort-Object Name)
        @($exported | ForEach-Object Name) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        @($exported | Where-Object CommandType -NE 'Cmdlet') | Should -BeNullOrEmpty
    }

    It 'links to no web site: the project has no published home, so no Uri would lead anywhere' {
        $manifest.Keys | Should -Not -Contain 'HelpInfoUri'
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
        $about = Get-Content (Join-Path (Split-Path $manifestPath) 'en-US/about_WireScim.help.txt') -Raw
        $about | Should -Not -Match 'github\.com'
    }

    It 'leaks no functions, aliases or variables' {
        $module = Get-Module WireScim
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
        @($manifest.FunctionsToExport).Count | Should -Be 0
        @($manifest.AliasesToExport).Count | Should -Be 0
        @($manifest.VariablesToExport).Count | Should -Be 0
    }

    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest $manifestPath -ErrorAction Stop
        $info.Name | Should -Be 'WireScim'
        $info.Version | Should -Be ([version]$manifest.ModuleVersion)
    }

    It 'declares Desktop and Core, PowerShell 5.1 and .NET Framework 4.7.2' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
    }

    It 'ships the help file, about topic, views, license and changelog beside the assembly' {
        foreach ($file in 'en-US/WireScim.dll-Help.xml', 'en-US/about_WireScim.help.txt', 'WireScim.format.ps1xml', 'LICENSE', 'CHANGELOG.md') {
            Join-Path $moduleDir $file | Should -Exist
        }
        Join-Path $moduleDir 'help' | Should -Not -Exist -Because 'the markdown sources are converted, not shipped'
    }

    It 'carries the newest CHANGELOG section as release notes' {
        $notes = (Import-PowerShellDataFile $manifestPath).PrivateData.PSData.ReleaseNotes
        $notes | Should -Match ('^## \[' + [regex]::Escape($manifest.ModuleVersion) + '\] - unreleased')
        $notes | Should -Match '### Added'
        $notes | Should -Not -Match '# Changelog'
        $notes | Should -Not -Match '## \[0\.1\.0\]' -Because 'only the newest section is carried'
    }
}

Describe 'Views' {
    BeforeAll {
        $token = ConvertTo-SecureString $secretText -AsPlainText -Force
        $connection = Connect-WireScim -Uri http://127.0.0.1:1 -Token $token -PassThru -RequestsPerSecond 25

        $user = [WireScim.User]::new()
        $user.Id = '6b1f6a43-2a2e-4c53-9d0c-1c7b8f0b7e21'
        $user.UserName = 'jdoe'
        $user.DisplayName = 'Jane Doe'
        $user.ExternalId = 'jane.doe@example.com'
        $user.Email = 'jane.doe@example.com'
        $user.Active = $true
        $user.Role = 'admin'
        $user.PreferredLanguage = 'en'
        $user.RichInfo['Department'] = 'Sales'
        $user.RichInfo['Title'] = 'Account Director'

        $rows = @(
            [pscustomobject]@{ UserName = 'tom jones'; DisplayName = 'Tom Jones'; ExternalId = 'tom.jones@example.com' }
            [pscustomobject]@{ UserName = 'ana'; DisplayName = 'Ana'; ExternalId = 'ana@example.com' }
        )
        $testResults = @($rows | Test-WireScimUser)

        function New-ViewToken([string] $Description) {
            $token = [WireScim.Token]::new()
            $token.Id = '2d6bfa58-5d1f-4bb8-9a3e-1f0bb5f0a1c9'
            $token.Name = 'HR nightly sync'
            $token.Description = $Description
            $token.Created = [datetime]'2026-01-02T03:04:05'
            $token
        }

        function Format-Text($InputObject, [string] $As) {
            if ($As -eq 'Table') { $InputObject | Format-Table | Out-String -Width 250 } else { $InputObject | Format-List | Out-String -Width 250 }
        }
    }

    It 'shows a user as a table with the WireScim.User columns' {
        $text = Format-Text $user Table
        foreach ($header in 'UserName', 'DisplayName', 'ExternalId', 'Active', 'Role', 'Id') { $text | Should -Match "\b$header\b" }
        $text | Should -Match 'jdoe\s+Jane Doe\s+jane\.doe@example\.com\s+True\s+admin'
    }

    It 'shows a user as a list with the rich-info fields' {
        $text = Format-Text $user List
        $text | Should -Match 'PreferredLanguage\s*:\s*en'
        $text | Should -Match 'RichInfo\s*:\s*Department = Sales'
        $text | Should -Match 'Title = Account Director'
    }

    It 'shows a connection with Uri, TeamMode, RequestsPerSecond and ConnectedAt, and no token' {
        foreach ($as in 'Table', 'List') {
            $text = Format-Text $connection $as
            foreach ($header in 'Uri', 'TeamMode', 'RequestsPerSecond', 'ConnectedAt') { $text | Should -Match "\b$header\b" }
            $text | Should -Match '127\.0\.0\.1:1/scim/v2'
            $text | Should -Not -Match ([regex]::Escape($secretText))
            $text | Should -Not -Match 'SecureString'
        }
        "$connection" | Should -Not -Match ([regex]::Escape($secretText))
        ($connection | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue) | Should -Not -Match ([regex]::Escape($secretText))
    }

    It 'shows Test-WireScimUser results with Row, IsValid, UserName and Problems' {
        $testResults.Count | Should -Be 2
        $text = Format-Text $testResults Table
        $text | Should -Match 'Row\s+IsValid\s+UserName\s+Problems'
        $text | Should -Match '1\s+False\s+tom jones\s+UserName:'
        $text | Should -Match '2\s+True\s+ana'
        $list = Format-Text $testResults[0] List
        $list | Should -Match 'Problems\s*:\s*WireScim\.InvalidUserName'
    }

    It 'shows a token''s metadata and never its value' {
        $token = New-ViewToken 'Created by the HR team'
        $token.Value = ConvertTo-SecureString $secretText -AsPlainText -Force
        foreach ($as in 'Table', 'List') {
            $text = Format-Text $token $as
            foreach ($header in 'Id', 'Name', 'Description', 'Created') { $text | Should -Match "\b$header\b" }
            if ($as -eq 'List') { $text | Should -Match '\bIdentityProviderId\b' }
            $text | Should -Match 'HR nightly sync'
            $text | Should -Not -Match '\bValue\b'
            $text | Should -Not -Match 'SecureString'
            $text | Should -Not -Match ([regex]::Escape($secretText))
        }
    }

    It 'shows a token''s whole description and creation time in a 120-column table' {
        $token = New-ViewToken 'Created 2026-01-02 03:04 +01:00 by svc-wirescim on HR-AUTOMATION-01 with WireScim'
        $text = $token | Format-Table | Out-String -Width 120
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        $text | Should -Not -Match '\u2026|\.\.\.'
        $text | Should -Match '2026-01-02 03:04'
        # Wrapped onto more lines, but whole.
        ($text -replace '\s+', '') | Should -Match ([regex]::Escape(($token.Description -replace '\s+', '')))
    }

    It 'shows users by UserName in Format-Wide' {
        $text = $user | Format-Wide | Out-String -Width 120
        $text | Should -Match '\bjdoe\b'
        $text | Should -Not -Match ([regex]::Escape($user.Id))
    }

    It 'shows sync results with Row, Action, UserName, ExternalId, Changes and the note or error' {
        $result = [WireScim.SyncResult]::new()
        $result.Row = 11
        $result.Action = 'Failed'
        $result.UserName = 'sberg'
        $result.ExternalId = 'sara.berg@example.com'
        $result.Error = 'Row 11 (sberg): Role ''boss'' is not a Wire role.'
        $text = Format-Text $result Table
        $text | Should -Match 'Row\s+Action\s+UserName\s+ExternalId\s+Changes\s+Note or error'
        $text | Should -Match '11\s+Failed\s+sberg\s+sara\.berg@example\.com'
        $text | Should -Match 'is not a Wire role'
        Format-Text $result List | Should -Match 'ErrorId'
    }
}

Describe 'Tab completion' {
    It 'offers admin for New-WireScimUser -Role a' {
        $line = 'New-WireScimUser -Role a'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        @($completions | ForEach-Object CompletionText) | Should -Contain 'admin'
        @($completions | ForEach-Object CompletionText) | Should -Not -Contain 'member'
    }

    It 'offers de with German in the tooltip for -PreferredLanguage d' {
        $line = 'New-WireScimUser -PreferredLanguage d'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $de = $completions | Where-Object CompletionText -EQ 'de'
        $de | Should -Not -BeNullOrEmpty
        $de.ToolTip | Should -Match 'German'
    }

    It 'offers Test for build.ps1 -Task Te' {
        $line = "& '$(Join-Path $root 'build.ps1')' -Task Te"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        @($completions | ForEach-Object CompletionText) | Should -Be @('Test')
    }
}

Describe 'Package' {
    BeforeAll {
        $repositoryName = "WireScimTest$PID"
        $repositoryPath = Join-Path $TestDrive 'repository'
        $installed = Join-Path $TestDrive 'installed'
        $null = New-Item -ItemType Directory $repositoryPath, $installed
        Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
        Register-PSResourceRepository -Name $repositoryName -Uri $repositoryPath -Trusted
        Publish-PSResource -Path $moduleDir -Repository $repositoryName -SkipDependenciesCheck
        Save-PSResource -Name WireScim -Repository $repositoryName -Path $installed -TrustRepository
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue
    }

    It 'publishes a nupkg of the module''s version' {
        $package = @(Get-ChildItem $repositoryPath -Filter *.nupkg)
        $package.Name | Should -Be "WireScim.$($manifest.ModuleVersion).nupkg"
    }

    It 'installs with the assembly, dependencies, help and views' {
        $installedDir = Join-Path $installed "WireScim/$($manifest.ModuleVersion)"
        foreach ($file in 'WireScim.psd1', 'WireScim.dll', 'WireScim.format.ps1xml', 'en-US/WireScim.dll-Help.xml', 'en-US/about_WireScim.help.txt', 'dependencies/System.Text.Json.dll') {
            Join-Path $installedDir $file | Should -Exist
        }
    }

    It 'imports from the installed copy in a new process' {
        $job = Start-Job -ArgumentList (Join-Path $installed 'WireScim') -ScriptBlock {
            param($path)
            $env:PSModulePath = (Split-Path $path) + [IO.Path]::PathSeparator + $env:PSModulePath
            Import-Module WireScim -ErrorAction Stop
            $command = Get-Command New-WireScimUser -ErrorAction Stop
            [pscustomobject]@{
                Name = $command.Name
                Base = (Get-Module WireScim).ModuleBase
                Synopsis = (Get-Help New-WireScimUser).Synopsis
            }
        }
        $result = $job | Wait-Job | Receive-Job -ErrorAction Stop
        $job | Remove-Job
        $result.Name | Should -Be 'New-WireScimUser'
        $result.Base | Should -BeLike "$installed*"
        $result.Synopsis | Should -Match '^Creates Wire users'
    }
}

Describe 'Assembly references' {
    BeforeAll {
        $stream = [System.IO.File]::OpenRead((Join-Path $moduleDir 'WireScim.dll'))
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $references = @(foreach ($handle in $reader.AssemblyReferences) { $reader.GetString($reader.GetAssemblyReference($handle).Name) })
            $pe.Dispose()
        }
        finally {
            $stream.Dispose()
        }
    }

    It 'compiles against netstandard and System.Management.Automation, not a runtime''s own assemblies' {
        $references | Should -Contain 'netstandard'
        $references | Should -Contain 'System.Management.Automation'
        foreach ($runtime in 'System.Runtime', 'System.Private.CoreLib', 'mscorlib', 'System.Collections', 'System.Linq', 'System.Net.Http') {
            $references | Should -Not -Contain $runtime
        }
    }

    It 'references only System.Text.Json (with its System.Text.Encodings.Web) and Microsoft.Extensions.* / Microsoft.Bcl.* besides' {
        $unexpected = $references | Where-Object {
            $_ -notin 'netstandard', 'System.Management.Automation', 'System.Text.Json', 'System.Text.Encodings.Web' -and
            $_ -notlike 'Microsoft.Extensions.*' -and $_ -notlike 'Microsoft.Bcl.*'
        }
        $unexpected | Should -BeNullOrEmpty
    }

    It 'ships every third-party assembly it references in the dependencies folder' {
        $missing = $references | Where-Object { $_ -notin 'netstandard', 'System.Management.Automation' } |
            Where-Object { -not (Test-Path (Join-Path $moduleDir "dependencies/$_.dll")) }
        $missing | Should -BeNullOrEmpty
    }

    It 'is built for .NETStandard 2.0' {
        $assembly = (Get-Module WireScim).ImplementingAssembly
        $assembly.Location | Should -Be (Join-Path $moduleDir 'WireScim.dll')
        $framework = $assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)
        $framework.FrameworkName | Should -Be '.NETStandard,Version=v2.0'
    }
}
