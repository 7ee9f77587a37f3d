# The user cmdlets as an admin uses them: CSV files, pipelines, -ErrorVariable reports, -WhatIf, connections.
# Each Describe runs against its own local emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
}

Describe 'New-WireScimUser from a CSV with good and bad rows' {
    BeforeAll {
        $token = 'pester-new-users'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token

        $rows = @(Import-Csv (Get-TestDataPath 'new-users-mixed.csv'))
        $ev = $null
        $created = @($rows | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates the good rows, with the handle lowercased' {
        $created.UserName | Sort-Object | Should -Be @('henry', 'jsmith')
        $jsmith = Get-WireScimUser -UserName jsmith
        $jsmith.DisplayName | Should -Be 'Jane Smith'
        $jsmith.ExternalId | Should -Be 'jane.smith@example.com'
        $jsmith.PreferredLanguage | Should -Be 'de'
        (Get-WireScimUser -UserName henry).PreferredLanguage | Should -Be 'fr'
    }

    It 'sends none of the bad rows to Wire' {
        $stored = @(Get-EmulatorUser -Emulator $emulator)
        $stored.userName | Sort-Object | Should -Be @('henry', 'jsmith')
    }

    It 'writes one error per bad row and none for good rows' {
        $errors.Count | Should -Be 6
        (Get-ErrorFor -ErrorRecord $errors -Row 1).Count | Should -Be 0
        (Get-ErrorFor -ErrorRecord $errors -Row 8).Count | Should -Be 0
    }

    It 'reports row <Row> as <ErrorId>, naming the field and the value' -ForEach @(
        @{ Row = 2; ErrorId = 'WireScim.InvalidUserName'; Field = 'UserName'; Value = "'bob jones'" }
        @{ Row = 3; ErrorId = 'WireScim.InvalidDisplayName'; Field = 'DisplayName'; Value = '129 characters' }
        @{ Row = 4; ErrorId = 'WireScim.InvalidLanguage'; Field = 'Language'; Value = "'english'" }
        @{ Row = 5; ErrorId = 'WireScim.InvalidRole'; Field = 'Role'; Value = "'boss'" }
        @{ Row = 6; ErrorId = 'WireScim.InvalidActive'; Field = 'Active'; Value = "'maybe'" }
        @{ Row = 7; ErrorId = 'WireScim.MissingExternalId'; Field = 'ExternalId'; Value = $null }
    ) {
        $mine = Get-ErrorFor -ErrorRecord $errors -Row $Row
        $mine.Count | Should -Be 1
        $record = $mine[0]
        $record.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $record.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $record.Exception.Message | Should -BeLike "*$Field*"
        if ($Value) { $record.Exception.Message | Should -BeLike "*$Value*" }
        [object]::ReferenceEquals($record.TargetObject, $rows[$Row - 1]) | Should -BeTrue -Because 'the CSV row is the error target'
    }
}

Describe 'New-WireScimUser: duplicates within one input' {
    BeforeAll {
        $token = 'pester-duplicates'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $path = New-TestCsv -Name 'duplicates.csv' -Line @(
            'UserName,DisplayName,ExternalId'
            'twin,Twin One,twin.one@example.com'
            'twin,Twin Two,twin.two@example.com'
            'pat1,Pat One,pat@example.com'
            'pat2,Pat Two,pat@example.com'
            'solo,Solo,solo@example.com'
        )
        $ev = $null
        $created = @(Import-Csv $path | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'sends only the row without a duplicate' {
        $created.UserName | Should -Be 'solo'
        (Get-EmulatorUser -Emulator $emulator).userName | Should -Be 'solo'
        (Get-WireScimEmulatorStats -Emulator $emulator).routes.'POST /scim/v2/Users' | Should -Be 1
    }

    It 'reports both rows that share a handle' {
        foreach ($row in 1, 2) {
            $mine = Get-ErrorFor -ErrorRecord $errors -Row $row
            $mine.Count | Should -Be 1
            $mine[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DuplicateUserName*'
            $mine[0].Exception.Message | Should -BeLike "*'twin'*rows 1, 2*"
        }
    }

    It 'reports both rows that share an externalId' {
        foreach ($row in 3, 4) {
            $mine = Get-ErrorFor -ErrorRecord $errors -Row $row
            $mine.Count | Should -Be 1
            $mine[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DuplicateExternalId*'
            $mine[0].Exception.Message | Should -BeLike "*'pat@example.com'*rows 3, 4*"
        }
        $errors.Count | Should -Be 4
    }
}

Describe 'New-WireScimUser: handle or user already in Wire (409)' {
    BeforeAll {
        $token = 'pester-conflict'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $first = New-WireScimUser -UserName taken -DisplayName 'First Owner' -ExternalId 'first.owner@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'reports a handle taken by another user as one non-terminating UserNameTaken error' {
        $ev = $null
        $out = @(New-WireScimUser -UserName taken -DisplayName 'Someone Else' -ExternalId 'someone.else@example.com' -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.UserNameTaken*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceExists)
        (Get-EmulatorUser -Emulator $emulator -UserName taken).externalId | Should -Be 'first.owner@example.com'
    }

    It 'treats creating exactly the same user again as success and outputs it' {
        $ev = $null
        $again = @(New-WireScimUser -UserName taken -DisplayName 'First Owner' -ExternalId 'first.owner@example.com' -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 0
        $again.Count | Should -Be 1
        $again[0].Id | Should -Be $first.Id
        @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 1
    }
}

Describe 'Get-WireScimUser' {
    BeforeAll {
        $token = 'pester-get'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $jdoe = New-WireScimUser -UserName jdoe -DisplayName 'John Doe' -ExternalId 'j+doe@example.com'
        $amy = New-WireScimUser -UserName amy -DisplayName 'Amy Pond' -ExternalId 'amy@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'finds a user by -Id' {
        $found = @(Get-WireScimUser -Id $jdoe.Id)
        $found.Count | Should -Be 1
        $found[0].UserName | Should -Be 'jdoe'
    }

    It 'finds a user by -UserName, ignoring case' {
        (Get-WireScimUser -UserName 'JDoe').Id | Should -Be $jdoe.Id
    }

    It "finds a user by an -ExternalId with '+' in it" {
        (Get-WireScimUser -ExternalId 'j+doe@example.com').Id | Should -Be $jdoe.Id
    }

    It 'takes several values at once' {
        $found = @(Get-WireScimUser -UserName jdoe, amy)
        $found.Count | Should -Be 2
        $found.Id | Sort-Object | Should -Be (@($jdoe.Id, $amy.Id) | Sort-Object)
    }

    It 'takes handles from the pipeline' {
        $found = @('jdoe', 'amy' | Get-WireScimUser)
        $found.UserName | Sort-Object | Should -Be @('amy', 'jdoe')
    }

    It 'writes ObjectNotFound naming the key when no user matches' {
        $ev = $null
        $found = @(Get-WireScimUser -UserName 'nosuchuser' -ErrorVariable ev -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $ev[0].Exception.Message | Should -BeLike '*nosuchuser*'
    }

    It 'reports the missing user but still outputs the ones found' {
        $ev = $null
        $found = @(Get-WireScimUser -ExternalId 'amy@example.com', 'ghost@example.com' -ErrorVariable ev -ErrorAction SilentlyContinue)
        $found.UserName | Should -Be 'amy'
        @($ev).Count | Should -Be 1
        $ev[0].Exception.Message | Should -BeLike '*ghost@example.com*'
    }

    It 'says that Wire cannot list users when no key is given' {
        $ev = $null
        $found = @(Get-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.UserKeyRequired*'
        $ev[0].Exception.Message | Should -BeLike '*cannot list*'
    }
}

Describe 'Set-WireScimUser' {
    BeforeAll {
        # SAML mode: users are Active at once and GET shows their real role.
        $token = 'pester-set'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName lena -DisplayName 'Lena Berg' -ExternalId 'lena@example.com' -PreferredLanguage de -Role admin -RichInfo ([ordered]@{ Department = 'Finance'; Title = 'Controller' })
        $null = New-WireScimUser -UserName oldname -DisplayName 'Rename Me' -ExternalId 'rename.me@example.com'
        $null = New-WireScimUser -UserName toggle -DisplayName 'Toggle Me' -ExternalId 'toggle@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'changes only the display name when piped from Get-WireScimUser' {
        $before = Get-WireScimUser -UserName lena
        Get-WireScimUser -UserName lena | Set-WireScimUser -DisplayName 'Lena Berg-Olsen'
        $after = Get-WireScimUser -UserName lena
        $after.DisplayName | Should -Be 'Lena Berg-Olsen'
        $after.Id | Should -Be $before.Id
        $after.UserName | Should -Be 'lena'
        $after.ExternalId | Should -Be 'lena@example.com'
        $after.PreferredLanguage | Should -Be 'de'
        $after.Role | Should -Be 'admin'
        $after.Active | Should -BeTrue
        $after.RichInfo['Department'] | Should -Be 'Finance'
        $after.RichInfo['Title'] | Should -Be 'Controller'
    }

    It 'renames with -NewUserName' {
        Get-WireScimUser -UserName oldname | Set-WireScimUser -NewUserName newname
        (Get-WireScimUser -UserName newname).ExternalId | Should -Be 'rename.me@example.com'
        $ev = $null
        $null = Get-WireScimUser -UserName oldname -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 1
    }

    It 'stores the columns named by -RichInfoProperty as rich-info fields, keeping the others' {
        $csv = New-TestCsv -Name 'set-richinfo.csv' -Line 'UserName,CostCenter', 'lena,4711'
        Import-Csv $csv | Set-WireScimUser -RichInfoProperty CostCenter
        $stored = Get-EmulatorUser -Emulator $emulator -UserName lena
        $fields = $stored.'urn:ietf:params:scim:schemas:extension:wire:1.0:User'
        $fields.CostCenter | Should -Be '4711'
        $fields.Department | Should -Be 'Finance'
    }

    It 'honours a piped <Column> column (<Value>)' -ForEach @(
        @{ Column = 'Active'; Value = 'FALSE'; Expected = $false }
        @{ Column = 'Enabled'; Value = 'TRUE'; Expected = $true }
    ) {
        $csv = New-TestCsv -Name "set-$Column.csv" -Line "UserName,$Column", "toggle,$Value"
        Import-Csv $csv | Set-WireScimUser
        (Get-EmulatorUser -Emulator $emulator -UserName toggle).active | Should -Be $Expected
    }

    It 'sends no write with -WhatIf' {
        $writes = Get-EmulatorWrites -Emulator $emulator
        Get-WireScimUser -UserName lena | Set-WireScimUser -DisplayName 'Not Applied' -Role member -WhatIf
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writes
        $user = Get-WireScimUser -UserName lena
        $user.DisplayName | Should -Not -Be 'Not Applied'
        $user.Role | Should -Be 'admin'
    }
}

Describe 'Enable- and Disable-WireScimUser in an invitation team' {
    BeforeAll {
        $token = 'pester-invitation'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName invitee -DisplayName 'In Vitee' -ExternalId 'invitee@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'disables through the pipeline: nothing can be suspended, and the warning points to Remove-WireScimUser' {
        $wv = $null
        Get-WireScimUser -UserName invitee | Disable-WireScimUser -WarningVariable wv -WarningAction SilentlyContinue
        @($wv).Count | Should -Be 1
        "$($wv[0])" | Should -BeLike '*invitee*invitation*Remove-WireScimUser*'
        (Get-WireScimUser -UserName invitee).Active | Should -BeFalse
    }

    It 'warns on Enable that the user stays inactive until the invitation is accepted' {
        $wv = $null
        Get-WireScimUser -UserName invitee | Enable-WireScimUser -WarningVariable wv -WarningAction SilentlyContinue
        @($wv).Count | Should -Be 1
        "$($wv[0])" | Should -BeLike '*invitee*inactive*invitation*'
        (Get-WireScimUser -UserName invitee).Active | Should -BeFalse
    }

    It 'keeps the invited role when a pending user is changed' {
        # GET shows a pending invitee as 'member'; the invited role applies once the invitation is accepted.
        $boss = New-WireScimUser -UserName pending.admin -DisplayName 'Pending Admin' -ExternalId 'pending.admin@example.com' -Role admin
        Get-WireScimUser -UserName pending.admin | Set-WireScimUser -DisplayName 'Pending Admin (HR)'
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri)/_emulator/users/$($boss.Id)/accept-invitation"
        $accepted = Get-WireScimUser -UserName pending.admin
        $accepted.Active | Should -BeTrue
        $accepted.DisplayName | Should -Be 'Pending Admin (HR)'
        $accepted.Role | Should -Be 'admin' -Because 'Set-WireScimUser changed only the display name'
    }
}

Describe 'Enable- and Disable-WireScimUser in a SAML team' {
    BeforeAll {
        $token = 'pester-saml'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName sso.user -DisplayName 'Sso User' -ExternalId 'sso.user@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates SAML users active' {
        (Get-WireScimUser -UserName sso.user).Active | Should -BeTrue
    }

    It 'Disable makes the user inactive' {
        Get-WireScimUser -UserName sso.user | Disable-WireScimUser
        (Get-WireScimUser -UserName sso.user).Active | Should -BeFalse
        (Get-EmulatorUser -Emulator $emulator -UserName sso.user).active | Should -BeFalse
    }

    It 'Enable makes the user active again, without a warning' {
        $wv = $null
        Get-WireScimUser -UserName sso.user | Enable-WireScimUser -WarningVariable wv -WarningAction SilentlyContinue
        @($wv).Count | Should -Be 0
        (Get-WireScimUser -UserName sso.user).Active | Should -BeTrue
    }

    It '-PassThru outputs the changed user' {
        $user = Disable-WireScimUser -UserName sso.user -PassThru
        $user.UserName | Should -Be 'sso.user'
        $user.Active | Should -BeFalse
    }
}

Describe 'Remove-WireScimUser' {
    BeforeAll {
        $token = 'pester-remove'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName leaver -DisplayName 'Lea Ver' -ExternalId 'leaver@example.com'
        $null = New-WireScimUser -UserName stayer -DisplayName 'Stay Er' -ExternalId 'stayer@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'deletes nothing with -WhatIf' {
        $writes = Get-EmulatorWrites -Emulator $emulator
        Get-WireScimUser -UserName stayer | Remove-WireScimUser -WhatIf
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writes
        Get-EmulatorUser -Emulator $emulator -UserName stayer | Should -Not -BeNullOrEmpty
    }

    It 'deletes the piped user with -Confirm:$false' {
        Get-WireScimUser -UserName leaver | Remove-WireScimUser -Confirm:$false
        Get-EmulatorUser -Emulator $emulator -UserName leaver | Should -BeNullOrEmpty
        $ev = $null
        $null = Get-WireScimUser -UserName leaver -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        Get-EmulatorUser -Emulator $emulator -UserName stayer | Should -Not -BeNullOrEmpty
    }

    It 'reports an unknown -UserName as ObjectNotFound' {
        $writes = Get-EmulatorWrites -Emulator $emulator
        $ev = $null
        Remove-WireScimUser -UserName nobody.here -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $ev[0].Exception.Message | Should -BeLike '*nobody.here*'
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writes
    }
}

Describe 'Test-WireScimUser on a CSV, without a connection' {
    BeforeAll {
        Disconnect-WireScim
        $rows = @(Import-Csv (Get-TestDataPath 'new-users-mixed.csv'))
        $results = @($rows | Test-WireScimUser)
    }

    It 'gives one result per row, in row order' {
        $results.Count | Should -Be $rows.Count
        $results.Row | Should -Be (1..$rows.Count)
    }

    It 'marks the good rows valid and the bad rows invalid' {
        ($results | Where-Object IsValid).Row | Should -Be @(1, 8)
        foreach ($result in $results | Where-Object { -not $_.IsValid }) { @($result.Problems).Count | Should -BeGreaterThan 0 }
    }

    It 'names the rule each bad row breaks' {
        $ids = @{}
        foreach ($result in $results) { $ids[$result.Row] = @($result.Problems.ErrorId) }
        $ids[2] | Should -Contain 'WireScim.InvalidUserName'
        $ids[3] | Should -Contain 'WireScim.InvalidDisplayName'
        $ids[4] | Should -Contain 'WireScim.InvalidLanguage'
        $ids[5] | Should -Contain 'WireScim.InvalidRole'
        $ids[6] | Should -Contain 'WireScim.InvalidActive'
        $ids[7] | Should -Contain 'WireScim.MissingExternalId'
    }

    It 'shows the normalised handle' {
        $results[0].UserName | Should -Be 'jsmith'
    }
}

Describe 'Two connections at once' {
    BeforeAll {
        $emulatorA = Start-TestEmulator -Token 'pester-token-a'
        $emulatorB = Start-TestEmulator -Token 'pester-token-b'
        $a = Connect-TestEmulator -Emulator $emulatorA -Token 'pester-token-a' -PassThru
        $b = Connect-TestEmulator -Emulator $emulatorB -Token 'pester-token-b' -PassThru
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulatorA
        Stop-TestEmulator $emulatorB
    }

    It 'creates each user only in the instance of its -Connection' {
        $null = New-WireScimUser -UserName alpha -DisplayName 'Al Pha' -ExternalId 'alpha@example.com' -Connection $a
        $null = New-WireScimUser -UserName beta -DisplayName 'Be Ta' -ExternalId 'beta@example.com' -Connection $b
        @(Get-EmulatorUser -Emulator $emulatorA).userName | Should -Be 'alpha'
        @(Get-EmulatorUser -Emulator $emulatorB).userName | Should -Be 'beta'
    }

    It 'looks users up only in the instance of its -Connection' {
        (Get-WireScimUser -UserName alpha -Connection $a).ExternalId | Should -Be 'alpha@example.com'
        $ev = $null
        $null = Get-WireScimUser -UserName alpha -Connection $b -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
    }
}

Describe 'Connecting' {
    It 'accepts <Given> and uses the SCIM base /scim/v2' -ForEach @(
        @{ Given = 'https://wire.example.com' }
        @{ Given = 'https://wire.example.com/' }
        @{ Given = 'https://wire.example.com/scim' }
        @{ Given = 'https://wire.example.com/scim/v2' }
        @{ Given = 'https://wire.example.com/scim/v2/' }
    ) {
        $connection = Connect-WireScim -Uri $Given -Token (ConvertTo-TestSecret 'not-used') -PassThru
        $connection.Uri | Should -Be 'https://wire.example.com/scim/v2'
    }

    It 'refuses plain http to a remote host, pointing to https' {
        $thrown = { Connect-WireScim -Uri 'http://example.com' -Token (ConvertTo-TestSecret 'not-used') } |
            Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidUri*'
        $thrown.Exception.Message | Should -BeLike '*https*'
    }

    It 'ends with NotConnected, mentioning Connect-WireScim, after Disconnect-WireScim' {
        Disconnect-WireScim
        $thrown = { Get-WireScimUser -UserName x -ErrorAction SilentlyContinue } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'WireScim.NotConnected*'
        $thrown.Exception.Message | Should -BeLike '*Connect-WireScim*'
    }
}

Describe 'A token Wire rejects (401)' {
    BeforeAll {
        $emulator = Start-TestEmulator -Token 'pester-right-token'
        $wrongToken = 'WrongToken7f3e9b2c41d8a6e5'
        Connect-TestEmulator -Emulator $emulator -Token $wrongToken
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'ends the command with TokenRejected and never shows the token' {
        $thrown = { Get-WireScimUser -UserName x -ErrorAction SilentlyContinue } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'WireScim.TokenRejected*'
        $thrown.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
        $thrown.Exception.Message | Should -Not -BeLike "*$wrongToken*"
        "$($thrown.ErrorDetails)" | Should -Not -BeLike "*$wrongToken*"
        ($thrown | Out-String) | Should -Not -BeLike "*$wrongToken*"
    }
}

Describe "Wire's error envelope (releases 5.24+)" {
    BeforeAll {
        $token = 'pester-envelope'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--error-envelope', 'wire'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName wrapped -DisplayName 'Wrapped' -ExternalId 'wrapped@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'still reports a taken handle as UserNameTaken with the SCIM detail' {
        $ev = $null
        $null = New-WireScimUser -UserName wrapped -DisplayName 'Other' -ExternalId 'other@example.com' -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.UserNameTaken*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceExists)
        $ev[0].Exception.Message | Should -BeLike '*userName is already taken*'
        $ev[0].Exception.Message | Should -Not -BeLike '*scim-error*{*'
    }
}

Describe 'Roles as objects (release 5.35)' {
    BeforeAll {
        $token = 'pester-roles'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--roles-shape', 'objects'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName shaped -DisplayName 'Sha Ped' -ExternalId 'shaped@example.com'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'reads the role from [{"value":"member"}]' {
        (Get-EmulatorUser -Emulator $emulator -UserName shaped).roles[0].value | Should -Be 'member'
        (Get-WireScimUser -UserName shaped).Role | Should -Be 'member'
    }
}
