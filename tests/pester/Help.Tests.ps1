#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Help as an admin reads it: Get-Help -Full and -Examples for every exported cmdlet, about_WireScim,
# and the markdown-to-MAML converter on a small fixture.

BeforeDiscovery {
    $script:commandNames = (Import-PowerShellDataFile $env:WIRESCIM_MODULE).CmdletsToExport
}

BeforeAll {
    Import-Module $env:WIRESCIM_MODULE -Force
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-HelpText($Node) {
        # A MAML description is a list of paragraphs; an absent one is $null.
        if ($null -eq $Node) { return '' }
        (@($Node) | ForEach-Object { $_.Text }) -join "`n"
    }
}

Describe 'Get-Help <_> -Full' -ForEach $commandNames {
    BeforeAll {
        $name = $_
        $command = Get-Command $name -Module WireScim -ErrorAction SilentlyContinue
        $help = if ($command) { Get-Help $name -Full }
    }

    It 'is a cmdlet of the module' {
        $command | Should -Not -BeNullOrEmpty -Because "the manifest exports $name"
    }

    It 'has a written synopsis (not the generated syntax)' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match "^$name\b" -Because 'PowerShell puts the syntax there when no help file covers the command'
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and an explanation or title' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            $example.title | Should -Match 'Example \d+: \S'
        }
    }

    It 'describes every parameter, with the type, pipeline input, aliases and default of the compiled cmdlet' {
        $problems = foreach ($parameter in $command.Parameters.Values) {
            if ($common.Contains($parameter.Name)) { continue }
            if (@($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count) { continue }
            $entry = @($help.parameters.parameter) | Where-Object name -EQ $parameter.Name
            if (-not $entry) { "-$($parameter.Name) is missing"; continue }
            if (-not (Get-HelpText $entry.description).Trim()) { "-$($parameter.Name) has no description" }
            $expectedType = $parameter.ParameterType
            if ([Nullable]::GetUnderlyingType($expectedType)) { $expectedType = [Nullable]::GetUnderlyingType($expectedType) }
            if ($entry.type.name -ne $expectedType.FullName) { "-$($parameter.Name) type '$($entry.type.name)', code '$($expectedType.FullName)'" }
            $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
            if ($entry.aliases -ne $aliases) { "-$($parameter.Name) aliases '$($entry.aliases)', code '$aliases'" }
            $byValue = @($parameter.ParameterSets.Values | Where-Object ValueFromPipeline).Count -gt 0
            $byName = @($parameter.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
            if (($entry.pipelineInput -match 'ByValue') -ne $byValue -or ($entry.pipelineInput -match 'ByPropertyName') -ne $byName) {
                "-$($parameter.Name) pipeline input '$($entry.pipelineInput)' does not match the code"
            }
            if (-not $entry.defaultValue) { "-$($parameter.Name) has no default value line" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'names no parameter the cmdlet does not have' {
        $unknown = @($help.parameters.parameter) | Where-Object { $_ -and -not $command.Parameters.ContainsKey($_.name) } | ForEach-Object name
        $unknown | Should -BeNullOrEmpty
    }

    It 'has RELATED LINKS to other WireScim cmdlets and about_WireScim, each of which exists' {
        $links = @($help.relatedLinks.navigationLink | ForEach-Object linkText)
        $links | Should -Contain 'about_WireScim'
        @($links | Where-Object { $_ -like '*-WireScim*' -and $_ -ne $name }).Count | Should -BeGreaterThan 0
        foreach ($link in $links | Where-Object { $_ -like '*-WireScim*' }) { Get-Command $link -Module WireScim -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "$name links to $link" }
    }

    It 'lists inputs and outputs' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
    }

    It 'lists each declared OutputType among the outputs' {
        $declared = @($command.OutputType | ForEach-Object Name | Where-Object { $_ -ne 'System.Void' })
        $documented = @($help.returnValues.returnValue | ForEach-Object { $_.type.name })
        foreach ($type in $declared) { $documented | Should -Contain $type }
    }
}

Describe 'Get-Help output an admin reads' {
    It 'shows type, required, position, default, pipeline input and aliases of -UserName' {
        $text = Get-Help New-WireScimUser -Parameter UserName | Out-String -Width 200
        $text | Should -Match '-UserName <String\[\]>'
        $text | Should -Match 'Position\?\s+0'
        $text | Should -Match 'Accept pipeline input\?\s+True \(ByPropertyName\)'
        $text | Should -Match 'Aliases\s+SamAccountName, Handle'
    }

    It 'shows the compiled default of -RequestsPerSecond and -ThrottleLimit' {
        (Get-Help Connect-WireScim -Parameter RequestsPerSecond).defaultValue | Should -Be ([string][WireScim.Commands.ConnectWireScimCommand]::new().RequestsPerSecond)
        (Get-Help New-WireScimUser -Parameter ThrottleLimit).defaultValue | Should -Be ([string][WireScim.Commands.NewWireScimUserCommand]::new().ThrottleLimit)
    }

    It 'shows the values of an enum parameter in the syntax' {
        Get-Help Sync-WireScimUser | Out-String -Width 500 | Should -Match '-MissingAction \{None \| Disable \| Remove\}'
    }

    It 'gives New-WireScimUser examples with Import-Csv and Get-ADUser' {
        $examples = Get-Help New-WireScimUser -Examples | Out-String -Width 200
        $examples | Should -Match 'Import-Csv'
        $examples | Should -Match 'Get-ADUser'
        $examples | Should -Match '-Properties DisplayName, ?mail'
    }

    It 'finds about_WireScim' {
        $about = Get-Help about_WireScim | Out-String -Width 200
        $about | Should -Match 'about_WireScim'
        $about | Should -Match 'Connect-WireScim'
        $about | Should -Match 'Retry-After'
        $about | Should -Match 'nightly-sync\.ps1'
    }

    It 'lists every ErrorId the module can write' {
        # The module's one catalogue of ErrorIds (internal, so read by reflection).
        $catalogue = [WireScim.User].Assembly.GetType('WireScim.Scim.ErrorIds', $true)
        $ids = @($catalogue.GetFields([System.Reflection.BindingFlags]'Public, Static') | Where-Object IsLiteral | ForEach-Object { $_.GetRawConstantValue() })
        $ids.Count | Should -BeGreaterThan 40
        $about = Get-Help about_WireScim | Out-String -Width 200
        $missing = @($ids | Where-Object { $about -notmatch ('\b' + [regex]::Escape($_) + '\b') })
        $missing | Should -BeNullOrEmpty -Because 'about_WireScim ERRORS lists each id a script may meet'
    }
}

Describe 'ConvertTo-MamlHelp.ps1' {
    BeforeAll {
        $converter = Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'tools/ConvertTo-MamlHelp.ps1'
        $assembly = Join-Path (Split-Path $env:WIRESCIM_MODULE) 'WireScim.dll'
        $source = Join-Path $TestDrive 'md'
        $null = New-Item -ItemType Directory $source
        $fence = '```'
        @"
# Connect-WireScim

## SYNOPSIS
Connects.

## DESCRIPTION
First line of a paragraph
continued here, with ``code``.

- a list item

## PARAMETERS

### -Uri
Where Wire is.

### -Token
The token.

### -TeamMode
The mode.
Default value: from the token

### -RequestsPerSecond
Rate.

### -Burst
Burst.

### -MaxAttempts
Attempts.

### -MaxRetryTime
Retry time.

### -Timeout
Timeout.

### -PassThru
Return it.

## OUTPUTS

### WireScim.Connection
The connection.

## NOTES
A note.

## EXAMPLES

### Example 1: First
${fence}powershell
Connect-WireScim -Uri https://wire.example.com -Token `$t
Get-WireScimUser -UserName jdoe
${fence}
Explains it.

### Example 2: Second
${fence}powershell
Disconnect-WireScim
${fence}
"@ | Set-Content (Join-Path $source 'Connect-WireScim.md') -Encoding UTF8

        $output = Join-Path $TestDrive 'en-US'
        & $converter -SourcePath $source -OutputPath $output -AssemblyPath $assembly -WarningAction SilentlyContinue
        [xml] $xml = Get-Content (Join-Path $output 'WireScim.dll-Help.xml') -Raw
        $ns = New-Object System.Xml.XmlNamespaceManager $xml.NameTable
        $ns.AddNamespace('msh', 'http://msh')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $command = $xml.SelectSingleNode('/msh:helpItems/command:command', $ns)
        function Select-Parameter([string] $Name) {
            $command.SelectSingleNode("command:parameters/command:parameter[maml:name='$Name']", $ns)
        }
    }

    It 'writes one command:command per markdown file, with details' {
        $xml.SelectNodes('/msh:helpItems/command:command', $ns).Count | Should -Be 1
        $xml.helpItems.schema | Should -Be 'maml'
        $command.SelectSingleNode('command:details/command:name', $ns).InnerText | Should -Be 'Connect-WireScim'
        $command.SelectSingleNode('command:details/command:verb', $ns).InnerText | Should -Be 'Connect'
        $command.SelectSingleNode('command:details/command:noun', $ns).InnerText | Should -Be 'WireScim'
        $command.SelectSingleNode('command:details/maml:description/maml:para', $ns).InnerText | Should -Be 'Connects.'
    }

    It 'joins the lines of a paragraph, removes backticks and keeps list items apart' {
        $paras = @($command.SelectNodes('maml:description/maml:para', $ns) | ForEach-Object InnerText)
        $paras | Should -Be @('First line of a paragraph continued here, with code.', '- a list item')
    }

    It 'takes type, required, position, aliases and default from the compiled cmdlet' {
        $uri = Select-Parameter 'Uri'
        $uri.required | Should -Be 'true'
        $uri.position | Should -Be '0'
        $uri.aliases | Should -Be 'BaseUri, Url'
        $uri.pipelineInput | Should -Be 'True (ByPropertyName)'
        $uri.SelectSingleNode('dev:type/maml:name', $ns).InnerText | Should -Be 'System.String'
        $uri.SelectSingleNode('command:parameterValue', $ns).InnerText | Should -Be 'String'
        $uri.SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be 'Where Wire is.'
        (Select-Parameter 'RequestsPerSecond').SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be '50'
        (Select-Parameter 'Timeout').SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be '00:01:00'
        (Select-Parameter 'PassThru').SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be 'False'
    }

    It 'uses a Default value line from the markdown instead of the compiled default' {
        $teamMode = Select-Parameter 'TeamMode'
        $teamMode.SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be 'from the token'
        $teamMode.SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be 'The mode.'
    }

    It 'writes a syntax item with enum values and without a value for switches' {
        $item = $command.SelectSingleNode('command:syntax/command:syntaxItem', $ns)
        $item.SelectSingleNode('maml:name', $ns).InnerText | Should -Be 'Connect-WireScim'
        $values = @($item.SelectNodes("command:parameter[maml:name='TeamMode']/command:parameterValueGroup/command:parameterValue", $ns) | ForEach-Object InnerText)
        $values | Should -Be @('Unknown', 'Invitation', 'SingleSignOn')
        $item.SelectSingleNode("command:parameter[maml:name='PassThru']/command:parameterValue", $ns) | Should -BeNullOrEmpty
        $item.SelectSingleNode("command:parameter[maml:name='Token']", $ns).position | Should -Be '1'
    }

    It 'writes inputs (derived when the markdown has none), outputs, notes and examples' {
        @($command.SelectNodes('command:inputTypes/command:inputType/dev:type/maml:name', $ns) | ForEach-Object InnerText) |
            Should -Be @('System.Security.SecureString', 'System.String')
        $command.SelectSingleNode('command:returnValues/command:returnValue/dev:type/maml:name', $ns).InnerText | Should -Be 'WireScim.Connection'
        $command.SelectSingleNode('maml:alertSet/maml:alert/maml:para', $ns).InnerText | Should -Be 'A note.'
        $examples = $command.SelectNodes('command:examples/command:example', $ns)
        $examples.Count | Should -Be 2
        $examples[0].SelectSingleNode('maml:title', $ns).InnerText | Should -Match 'Example 1: First'
        $examples[0].SelectSingleNode('dev:code', $ns).InnerText | Should -Be "Connect-WireScim -Uri https://wire.example.com -Token `$t`nGet-WireScimUser -UserName jdoe"
        $examples[0].SelectSingleNode('dev:remarks/maml:para', $ns).InnerText | Should -Be 'Explains it.'
    }

    It 'with -Strict refuses a file that leaves a parameter undescribed' {
        $partial = Join-Path $TestDrive 'partial'
        $null = New-Item -ItemType Directory $partial
        (Get-Content (Join-Path $source 'Connect-WireScim.md') -Raw) -replace '### -Burst\r?\nBurst\.\r?\n', '' |
            Set-Content (Join-Path $partial 'Connect-WireScim.md') -Encoding UTF8
        { & $converter -SourcePath $partial -OutputPath (Join-Path $TestDrive 'strict') -AssemblyPath $assembly -Strict } |
            Should -Throw -ExpectedMessage '*-Burst of Connect-WireScim is not described*'
    }

    It 'passes -Strict on the module''s own help files' {
        $moduleHelp = Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'module/help'
        { & $converter -SourcePath $moduleHelp -OutputPath (Join-Path $TestDrive 'full') -AssemblyPath $assembly -Strict } | Should -Not -Throw
    }
}
