# Hostile CSV input through Test-, New- and Sync-WireScimUser against a local emulator: odd encodings and delimiters,
# broken headers, control characters, right-to-left text and emoji, huge cells, duplicates and colliding rich-info names.
# Every valid row is provisioned, every invalid row gets exactly one error naming its row, field, rule and value, and
# no error is an unhandled .NET exception.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule

    # One CSV case: text with {p} standing for a per-run prefix, so each cmdlet run provisions its own users.
    # Invalid maps row number => @{ Field; ErrorId; Value (a fragment the message must show) }.
    function script:New-Case {
        param([string] $Name, [string] $Text, [System.Text.Encoding] $Encoding = [System.Text.UTF8Encoding]::new($false),
            [string] $Delimiter = ',', [string[]] $Valid = @(), [hashtable] $Invalid = @{})
        [pscustomobject]@{ Name = $Name; Text = $Text; Encoding = $Encoding; Delimiter = $Delimiter; Valid = $Valid; Invalid = $Invalid }
    }

    function script:Import-Case {
        param($Case, [string] $Prefix)
        $path = Join-Path (Get-TestDriveRoot) "$($Case.Name)-$Prefix.csv"
        [System.IO.File]::WriteAllText($path, $Case.Text.Replace('{p}', $Prefix), $Case.Encoding)
        Import-Csv -LiteralPath $path -Delimiter $Case.Delimiter
    }

    function script:Get-PrefixedUser {
        param($Emulator, [string] $Prefix)
        @(Get-EmulatorUser -Emulator $Emulator | Where-Object { $_.userName -like "$Prefix*" })
    }

    # The assertions every case shares, for New- and Sync-WireScimUser.
    function script:Assert-Run {
        param($Case, [string] $Prefix, [object[]] $ErrorRecords, $Emulator)
        foreach ($record in $ErrorRecords) {
            $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.*' -Because "every error comes from the module's rules, not an unhandled exception ($($record.Exception.GetType().FullName): $($record.Exception.Message))"
        }
        @($ErrorRecords).Count | Should -Be $Case.Invalid.Count -Because (($ErrorRecords | ForEach-Object { $_.Exception.Message }) -join ' | ')
        foreach ($row in $Case.Invalid.Keys) {
            $expected = $Case.Invalid[$row]
            $mine = @(Get-ErrorFor -ErrorRecord $ErrorRecords -Row $row)
            $mine.Count | Should -Be 1 -Because "row $row gets exactly one error"
            $mine[0].FullyQualifiedErrorId | Should -BeLike "$($expected.ErrorId)*"
            $mine[0].Exception.Message | Should -BeLike "*$($expected.Field)*"
            if ($expected.Value) { $mine[0].Exception.Message | Should -BeLike "*$($expected.Value.Replace('{p}', $Prefix))*" }
            $mine[0].Exception.Message.Length | Should -BeLessThan 700
        }
        $created = @(Get-PrefixedUser -Emulator $Emulator -Prefix $Prefix)
        $created.Count | Should -Be $Case.Valid.Count
        @($created.userName | Sort-Object) | Should -Be @($Case.Valid | ForEach-Object { $_.Replace('{p}', $Prefix) } | Sort-Object)
    }

    $hdr = 'UserName,DisplayName,ExternalId'
    $script:Cases = @(
        New-Case -Name 'empty' -Text ''
        New-Case -Name 'header-only' -Text "$hdr`r`n"
        New-Case -Name 'utf8-bom' -Encoding ([System.Text.UTF8Encoding]::new($true)) -Valid '{p}a', '{p}b' -Text "$hdr`r`n{p}a,Ä Ö,{p}a@example.com`r`n{p}b,B,{p}b@example.com`r`n"
        New-Case -Name 'utf16-bom' -Encoding ([System.Text.Encoding]::Unicode) -Valid '{p}a', '{p}b' -Text "$hdr`r`n{p}a,Ä Ö,{p}a@example.com`r`n{p}b,B,{p}b@example.com`r`n"
        New-Case -Name 'semicolon' -Delimiter ';' -Valid '{p}a', '{p}b' -Text "UserName;DisplayName;ExternalId`n{p}a;Smith, Anna;{p}a@example.com`n{p}b;B;{p}b@example.com`n"
        New-Case -Name 'quoted-newline' -Valid '{p}b' -Invalid @{ 1 = @{ Field = 'DisplayName'; ErrorId = 'WireScim.ControlCharacters'; Value = 'Line1' } } `
            -Text "$hdr`n{p}a,""Line1`nLine2"",{p}a@example.com`n{p}b,B,{p}b@example.com`n"
        New-Case -Name 'no-username-column' -Invalid @{ 1 = @{ Field = 'UserName'; ErrorId = 'WireScim.MissingUserName' }; 2 = @{ Field = 'UserName'; ErrorId = 'WireScim.MissingUserName' } } `
            -Text "DisplayName,ExternalId`nA,{p}a@example.com`nB,{p}b@example.com`n"
        New-Case -Name 'empty-cells' -Valid '{p}a' -Invalid @{ 2 = @{ Field = 'UserName'; ErrorId = 'WireScim.MissingUserName' }; 3 = @{ Field = 'ExternalId'; ErrorId = 'WireScim.MissingExternalId' } } `
            -Text "$hdr`n{p}a,,{p}a@example.com`n,B,{p}b@example.com`n{p}c,C,`n"
        New-Case -Name 'whitespace' -Valid '{p}a' -Text "$hdr`n  {p}a  ,  Anna Smith  ,  {p}a@example.com `n"
        New-Case -Name 'controls' -Valid '{p}d' -Invalid @{
            1 = @{ Field = 'DisplayName'; ErrorId = 'WireScim.ControlCharacters'; Value = 'a\u0000b' }
            2 = @{ Field = 'ExternalId'; ErrorId = 'WireScim.ControlCharacters'; Value = '\u0001' }
            3 = @{ Field = 'UserName'; ErrorId = 'WireScim.InvalidUserName'; Value = 'null byte' } } `
            -Text "$hdr`n{p}a,a`0b,{p}a@example.com`n{p}b,B,{p}b`u{1}@example.com`n{p}`0c,C,{p}c@example.com`n{p}d,D,{p}d@example.com`n"
        New-Case -Name 'scripts' -Valid '{p}a', '{p}b', '{p}c' -Text ("$hdr`n{p}a,مرحبا بالعالم,{p}a@example.com`n{p}b,שלום עולם e`u{301}`u{308},{p}b@example.com`n" +
            "{p}c,👩‍💻 Zoë 🏳️‍🌈 $('😀' * 100),{p}c@example.com`n")
        New-Case -Name 'huge-cell' -Valid '{p}b' -Invalid @{ 1 = @{ Field = 'DisplayName'; ErrorId = 'WireScim.InvalidDisplayName'; Value = '(10000 characters)' } } `
            -Text "$hdr`n{p}a,$('x' * 10000),{p}a@example.com`n{p}b,B,{p}b@example.com`n"
        New-Case -Name 'duplicates' -Valid '{p}e' -Invalid @{
            1 = @{ Field = 'UserName'; ErrorId = 'WireScim.DuplicateUserName'; Value = '{p}a' }
            2 = @{ Field = 'UserName'; ErrorId = 'WireScim.DuplicateUserName'; Value = '{p}a' }
            3 = @{ Field = 'ExternalId'; ErrorId = 'WireScim.DuplicateExternalId'; Value = '{p}same@example.com' }
            4 = @{ Field = 'ExternalId'; ErrorId = 'WireScim.DuplicateExternalId'; Value = '{p}same@example.com' } } `
            -Text "$hdr`n{p}a,A1,{p}a1@example.com`n{p}A,A2,{p}a2@example.com`n{p}c,C,{p}same@example.com`n{p}d,D,{p}same@example.com`n{p}e,E,{p}e@example.com`n"
        New-Case -Name 'active-maybe' -Valid '{p}b' -Invalid @{ 1 = @{ Field = 'Active'; ErrorId = 'WireScim.InvalidActive'; Value = 'maybe' } } `
            -Text "$hdr,Active`n{p}a,A,{p}a@example.com,maybe`n{p}b,B,{p}b@example.com,true`n"
    )
    $script:CaseNames = $script:Cases.Name
}

Describe 'Hostile CSV files through Test-, New- and Sync-WireScimUser' {
    BeforeAll {
        $token = 'tok'
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        Connect-WireScim -Uri $emulator.Uri -Token (ConvertTo-SecureString $token -AsPlainText -Force)
        $script:n = 0
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'Test-WireScimUser reports exactly the invalid rows of <_>' -ForEach @('empty', 'header-only', 'utf8-bom', 'utf16-bom', 'semicolon', 'quoted-newline', 'no-username-column', 'empty-cells', 'whitespace', 'controls', 'scripts', 'huge-cell', 'duplicates', 'active-maybe') {
        $case = $Cases | Where-Object Name -EQ $_
        $prefix = "t$((++$script:n))x"
        $writesBefore = Get-EmulatorWrites -Emulator $emulator
        $ev = $null
        $results = @(Import-Case $case $prefix | Test-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 0
        $results.Count | Should -Be ($case.Valid.Count + $case.Invalid.Count)
        @($results | Where-Object IsValid).Count | Should -Be $case.Valid.Count
        foreach ($row in $case.Invalid.Keys) {
            $result = @($results | Where-Object Row -EQ $row)
            $result.Count | Should -Be 1
            $result[0].IsValid | Should -BeFalse
            $result[0].Problems[0].Field | Should -BeLike "$($case.Invalid[$row].Field)*"
            $result[0].Problems[0].ErrorId | Should -Be $case.Invalid[$row].ErrorId
        }
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writesBefore -Because 'Test-WireScimUser sends nothing'
    }

    It 'New-WireScimUser creates the valid rows of <_> and reports each invalid one once' -ForEach @('empty', 'header-only', 'utf8-bom', 'utf16-bom', 'semicolon', 'quoted-newline', 'no-username-column', 'empty-cells', 'whitespace', 'controls', 'scripts', 'huge-cell', 'duplicates', 'active-maybe') {
        $case = $Cases | Where-Object Name -EQ $_
        $prefix = "n$((++$script:n))x"
        $ev = $null
        $out = @(Import-Case $case $prefix | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be $case.Valid.Count
        Assert-Run -Case $case -Prefix $prefix -ErrorRecords @($ev) -Emulator $emulator
    }

    It 'Sync-WireScimUser provisions the valid rows of <_> and reports each invalid one once' -ForEach @('empty', 'header-only', 'utf8-bom', 'utf16-bom', 'semicolon', 'quoted-newline', 'no-username-column', 'empty-cells', 'whitespace', 'controls', 'scripts', 'huge-cell', 'duplicates', 'active-maybe') {
        $case = $Cases | Where-Object Name -EQ $_
        $prefix = "s$((++$script:n))x"
        $ev = $null
        $out = @(Import-Case $case $prefix | Sync-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($out | Where-Object Action -EQ 'Failed').Count | Should -Be $case.Invalid.Count
        @($out | Where-Object Action -NE 'Failed').Count | Should -Be $case.Valid.Count
        Assert-Run -Case $case -Prefix $prefix -ErrorRecords @($ev) -Emulator $emulator
    }

    It 'keeps the values as given once trimmed: white space, right-to-left, combining marks and emoji' {
        $prefix = "v$((++$script:n))x"
        $null = Import-Case ($Cases | Where-Object Name -EQ 'whitespace') $prefix | New-WireScimUser -ErrorAction Stop
        $user = Get-EmulatorUser -Emulator $emulator -UserName "${prefix}a"
        $user.displayName | Should -BeExactly 'Anna Smith'
        $user.externalId | Should -BeExactly "${prefix}a@example.com"

        $prefix = "v$((++$script:n))x"
        $null = Import-Case ($Cases | Where-Object Name -EQ 'scripts') $prefix | New-WireScimUser -ErrorAction Stop
        (Get-EmulatorUser -Emulator $emulator -UserName "${prefix}a").displayName | Should -BeExactly 'مرحبا بالعالم'
        (Get-EmulatorUser -Emulator $emulator -UserName "${prefix}b").displayName | Should -BeExactly "שלום עולם e`u{301}`u{308}"
        (Get-EmulatorUser -Emulator $emulator -UserName "${prefix}c").displayName | Should -BeExactly "👩‍💻 Zoë 🏳️‍🌈 $('😀' * 100)"
    }

    It 'shortens a 10,000-character value in the error message' {
        $prefix = "h$((++$script:n))x"
        $ev = $null
        $null = Import-Case ($Cases | Where-Object Name -EQ 'huge-cell') $prefix | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue
        $message = @($ev)[0].Exception.Message
        $message | Should -BeLike '*(10000 characters)*'
        $message.Length | Should -BeLessThan 400
    }
}

Describe 'CSV headers Import-Csv itself refuses, and colliding rich-info names' {
    BeforeAll {
        $token = 'tok'
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        Connect-WireScim -Uri $emulator.Uri -Token (ConvertTo-SecureString $token -AsPlainText -Force)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'fails in Import-Csv on duplicate column names (<_>) and sends nothing' -ForEach @('UserName,DisplayName,UserName', 'UserName,Dept,dept') {
        $path = Join-Path (Get-TestDriveRoot) "dup-$([guid]::NewGuid()).csv"
        [System.IO.File]::WriteAllText($path, "$_,ExternalId`njdup,x,y,jdup@example.com`n")
        $writesBefore = Get-EmulatorWrites -Emulator $emulator
        $failure = $null
        try {
            $null = Import-Csv -LiteralPath $path -ErrorAction Stop | New-WireScimUser -RichInfoProperty Dept -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike '*ImportCsvCommand*'
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writesBefore
        Get-EmulatorUser -Emulator $emulator -UserName 'jdup' | Should -BeNullOrEmpty
    }

    It 'treats -RichInfoProperty Dept,dept on one Dept column as one field' {
        $path = Join-Path (Get-TestDriveRoot) 'dept.csv'
        [System.IO.File]::WriteAllText($path, "UserName,ExternalId,Dept`nrdept,rdept@example.com,Ops`n")
        $ev = $null
        $out = @(Import-Csv -LiteralPath $path | New-WireScimUser -RichInfoProperty Dept, dept -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 0
        $out.Count | Should -Be 1
        @($out[0].RichInfo.Keys).Count | Should -Be 1
        $out[0].RichInfo['Dept'] | Should -Be 'Ops'
    }

    It 'refuses a -RichInfo dictionary whose names differ only in case, with one error and nothing sent' {
        # @{ Dept = ..; dept = .. } does not parse, and [ordered] ignores case too: an ordinal Dictionary can hold both.
        { [scriptblock]::Create("@{ Dept = 'a'; dept = 'b' }") } | Should -Throw
        $fields = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)
        $fields['Dept'] = 'a'
        $fields['dept'] = 'b'
        $writesBefore = Get-EmulatorWrites -Emulator $emulator
        $ev = $null
        $out = @(New-WireScimUser -UserName 'rcase' -ExternalId 'rcase@example.com' -RichInfo $fields -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DuplicateRichInfoKey*'
        $ev[0].Exception.Message | Should -BeLike '*RichInfo*dept*'
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writesBefore
    }

    It 'refuses the same dictionary in Test- and Sync-WireScimUser' {
        $fields = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)
        $fields['Dept'] = 'a'
        $fields['dept'] = 'b'
        $result = Test-WireScimUser -UserName 'rcase2' -ExternalId 'rcase2@example.com' -RichInfo $fields
        $result.IsValid | Should -BeFalse
        $result.Problems[0].ErrorId | Should -Be 'WireScim.DuplicateRichInfoKey'
        $ev = $null
        $out = @(Sync-WireScimUser -UserName 'rcase2' -ExternalId 'rcase2@example.com' -RichInfo $fields -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DuplicateRichInfoKey*'
        @($out | Where-Object Action -NE 'Failed').Count | Should -Be 0
        Get-EmulatorUser -Emulator $emulator -UserName 'rcase2' | Should -BeNullOrEmpty
    }
}
